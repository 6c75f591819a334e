package org.vidshare.client.swing.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.vidshare.client.ClientReply;

/**
 * The notices of a {@code check_notice} reply as a person reads them: title, date and the whole
 * text (which the old table showed only in a tooltip); ids stay out of sight.
 */
public final class NoticeList {
    /** One notice; {@code time} is the wire time. */
    public record Notice(String title, String content, String time) {
        /** The list entry: the title and the date. */
        public String heading(Texts texts) {
            return title + "  ·  " + Formats.time(time);
        }

        /** The reading pane's text: title, the date, then the text. */
        public String detail(Texts texts) {
            return title + "\n" + texts.get("notices.published", Formats.time(time)) + "\n\n" + content;
        }
    }

    private NoticeList() {
    }

    /** The notices of a successful reply, newest first as the server sends them; none for a failed one. */
    public static List<Notice> of(ClientReply reply) {
        List<Notice> notices = new ArrayList<>();
        if (reply.ok()) {
            for (JsonNode node : reply.list("notice_list")) {
                notices.add(new Notice(node.path("title").asText(""), node.path("content").asText(""),
                        node.path("create_time").asText("")));
            }
        }
        return List.copyOf(notices);
    }
}
