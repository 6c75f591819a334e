package org.vidshare.core.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.vidshare.core.protocol.Text;

/**
 * What a handler declares about itself: its type, who may run it, and where its menu entry goes
 * (as NetBeans' {@code @ActionReference}: the plugin states it, the host only sorts).
 *
 * @param menu the menu path in both languages (a {@code /} makes a submenu), or null for commands
 *             without a menu entry (ping, logout...)
 * @param position the entry's place in its menu, unique within that menu (the registry refuses a clash)
 */
public record CommandSpec(String type, Audience audience, Text label, Text menu, int position,
                          List<Field> fields, ResultKind result,
                          RequestPayload requestPayload, ReplyPayload replyPayload) {
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public CommandSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(requestPayload, "requestPayload");
        Objects.requireNonNull(replyPayload, "replyPayload");
        fields = List.copyOf(fields);
    }

    /** The reason this spec cannot be loaded, or null when it is sound. */
    public String problem() {
        if (!TYPE.matcher(type).matches()) {
            return "type '" + type + "' must match " + TYPE.pattern();
        }
        if (menu != null && (menu.zh().isBlank() || menu.en().isBlank())) {
            return "menu of '" + type + "' is blank (use null for no menu entry)";
        }
        if (fields.stream().map(Field::name).distinct().count() != fields.size()) {
            return "'" + type + "' declares a field twice";
        }
        if ((result == ResultKind.DOWNLOAD) != (replyPayload == ReplyPayload.FILE)) {
            return "'" + type + "' must declare a file reply payload exactly when its result is a download";
        }
        return null;
    }

    public static Builder builder(String type, Audience audience) {
        return new Builder(type, audience);
    }

    /** Fluent construction, so that a handler's spec reads as a declaration. */
    public static final class Builder {
        private final String type;
        private final Audience audience;
        private Text label;
        private Text menu;
        private int position;
        private final List<Field> fields = new ArrayList<>();
        private ResultKind result = ResultKind.MESSAGE;
        private RequestPayload requestPayload = RequestPayload.NONE;
        private ReplyPayload replyPayload = ReplyPayload.NONE;

        private Builder(String type, Audience audience) {
            this.type = type;
            this.audience = audience;
            this.label = Text.of(type, type);
        }

        public Builder label(String zh, String en) {
            this.label = Text.of(zh, en);
            return this;
        }

        /** The menu path in Chinese and English, and the entry's position in that menu. */
        public Builder menu(String zhPath, String enPath, int menuPosition) {
            this.menu = Text.of(zhPath, enPath);
            this.position = menuPosition;
            return this;
        }

        public Builder field(Field field) {
            fields.add(field);
            return this;
        }

        public Builder result(ResultKind kind) {
            this.result = kind;
            return this;
        }

        /** Raw bytes follow the request (an upload): see {@link RequestPayload}. */
        public Builder requestPayload(RequestPayload payload) {
            this.requestPayload = payload;
            return this;
        }

        /** A file follows the successful reply (a download); implies the {@code download} result. */
        public Builder replyFile() {
            this.replyPayload = ReplyPayload.FILE;
            this.result = ResultKind.DOWNLOAD;
            return this;
        }

        public CommandSpec build() {
            return new CommandSpec(type, audience, label, menu, position, fields, result, requestPayload, replyPayload);
        }
    }
}
