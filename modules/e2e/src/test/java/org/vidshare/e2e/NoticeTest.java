package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

/** release_notice and check_notice, and the newest notice at login. */
class NoticeTest extends OneServerPerClass {
    @Test
    void releasedNoticesAreListedNewestFirstAndTheNewestComesWithLogin() throws Exception {
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            ClientReply first = admin.call(Map.of("type", "release_notice", "title", "  Maintenance ", "content", " Down at 2am "));
            assertThat(first.ok()).as(first.toString()).isTrue();
            ClientReply second = admin.call(Map.of("type", "release_notice", "title", "新片上线", "content", "欢迎观看"));
            assertThat(second.number("notice_id")).isNotEqualTo(first.number("notice_id"));
        }
        try (VidShareClient user = server.loggedIn("reader", "user")) {
            ClientReply list = user.call(Map.of("type", "check_notice"));
            assertThat(list.ok()).isTrue();
            List<JsonNode> notices = list.list("notice_list");
            assertThat(notices).extracting(n -> n.get("title").asText()).containsSubsequence("新片上线", "Maintenance");
            JsonNode maintenance = notices.stream().filter(n -> n.get("title").asText().equals("Maintenance")).findFirst().orElseThrow();
            assertThat(maintenance.get("content").asText()).as("stored trimmed").isEqualTo("Down at 2am");
            assertThat(maintenance.get("create_time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*");
            assertThat(maintenance.get("id").isIntegralNumber()).isTrue();
        }
        try (VidShareClient again = server.client()) {
            TestServer.register(again, "latecomer", "user");
            ClientReply login = again.login("latecomer", TestServer.PASSWORD);
            assertThat(login.get("last_notice").get("title").asText()).isEqualTo("新片上线");
        }
    }

    @Test
    void titleAndContentLengthsAreChecked() throws Exception {
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            assertThat(release(admin, "", "content")).isEqualTo("bad_request");
            assertThat(release(admin, "   ", "content")).isEqualTo("bad_request");
            assertThat(release(admin, "t".repeat(65), "content")).isEqualTo("bad_request");
            assertThat(release(admin, "title", " ")).isEqualTo("bad_request");
            assertThat(release(admin, "title", "c".repeat(10_001))).isEqualTo("bad_request");
            assertThat(admin.call(Map.of("type", "release_notice", "title", "only a title")).code()).isEqualTo("bad_request");
            assertThat(release(admin, "题".repeat(64), "c".repeat(10_000))).isEqualTo("ok");
        }
    }

    @Test
    void onlyAdminsReleaseAndOnlyAccountsRead() throws Exception {
        try (VidShareClient user = server.loggedIn("reader", "user");
             VidShareClient anonymous = server.client()) {
            assertThat(release(user, "hacked", "hacked")).isEqualTo("forbidden");
            assertThat(anonymous.call(Map.of("type", "check_notice")).code()).isEqualTo("not_logged_in");
            assertThat(user.call(Map.of("type", "check_notice")).list("notice_list"))
                    .noneMatch(n -> n.get("title").asText().equals("hacked"));
        }
    }

    private static String release(VidShareClient client, String title, String content) throws Exception {
        return client.call(Map.of("type", "release_notice", "title", title, "content", content)).code();
    }
}
