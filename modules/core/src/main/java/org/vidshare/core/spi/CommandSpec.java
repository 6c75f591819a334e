package org.vidshare.core.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * @param view how a client shows this reading command as a view of its own (a tab), or null
 * @param actions where a client offers this command on other commands' views (buttons, row actions)
 * @param repeatable whether running it twice changes nothing more than running it once, so that a
 *                   client may send it again after a reconnect without asking (every reading command)
 * @param confirm the question a client asks before running it, or null; {@code {price}} in it stands
 *                for the price the handler names ({@link CommandHandler#priceCents})
 * @param disabledWhen a key of the account (login and whoami replies) that, when 1 or true, makes
 *                     the command pointless for that account (buy_vip for a VIP), or null
 * @param fromMemory whether the handler can usually answer from memory: the server then runs it
 *                   on the network thread that read the request (no hand-off to a worker), and
 *                   moves it to a worker at {@link Transactions#mayWait} (see there)
 */
public record CommandSpec(String type, Audience audience, Text label, Text menu, int position,
                          List<Field> fields, ResultKind result,
                          RequestPayload requestPayload, ReplyPayload replyPayload,
                          View view, List<ViewAction> actions, boolean repeatable, Text confirm,
                          String disabledWhen, boolean fromMemory) {
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public CommandSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(requestPayload, "requestPayload");
        Objects.requireNonNull(replyPayload, "replyPayload");
        fields = List.copyOf(fields);
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** A spec that says nothing about views (the shape before views came from specs). */
    public CommandSpec(String type, Audience audience, Text label, Text menu, int position,
                       List<Field> fields, ResultKind result,
                       RequestPayload requestPayload, ReplyPayload replyPayload) {
        this(type, audience, label, menu, position, fields, result, requestPayload, replyPayload,
                null, List.of(), false, null, null, false);
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
        if (fromMemory && (requestPayload.present() || replyPayload == ReplyPayload.FILE)) {
            return "'" + type + "' moves bytes: it cannot be answered from memory on a network thread";
        }
        return viewProblem();
    }

    private String viewProblem() {
        if (view != null) {
            if (view.isList() && !KEY.matcher(view.listKey()).matches()) {
                return "view of '" + type + "' names the list key '" + view.listKey() + "', which is no reply key";
            }
            if (view.columns().isEmpty()) {
                return "view of '" + type + "' has no columns";
            }
            List<Column> all = new ArrayList<>(view.columns());
            all.addAll(view.summary());
            for (Column column : all) {
                if (!KEY.matcher(column.key()).matches()) {
                    return "view of '" + type + "' has a column key '" + column.key() + "', which is no reply key";
                }
            }
            if (view.columns().stream().map(Column::key).distinct().count() != view.columns().size()) {
                return "view of '" + type + "' shows a column twice";
            }
            if (!fields.stream().allMatch(f -> !f.required())) {
                return "'" + type + "' has a view, so it must run without input (its fields must be optional)";
            }
        }
        for (ViewAction action : actions) {
            if (!TYPE.matcher(action.list()).matches()) {
                return "'" + type + "' acts on '" + action.list() + "', which is no command type";
            }
            for (var entry : action.fromRow().entrySet()) {
                if (fields.stream().noneMatch(f -> f.name().equals(entry.getKey()))) {
                    return "'" + type + "' fills '" + entry.getKey() + "' from a row of '" + action.list()
                            + "' but has no such field";
                }
                if (!KEY.matcher(entry.getValue()).matches()) {
                    return "'" + type + "' reads '" + entry.getValue() + "' from a row, which is no reply key";
                }
            }
        }
        if (actions.stream().map(ViewAction::list).distinct().count() != actions.size()) {
            return "'" + type + "' acts on one view twice";
        }
        if (disabledWhen != null && !KEY.matcher(disabledWhen).matches()) {
            return "'" + type + "' is disabled when '" + disabledWhen + "', which is no account key";
        }
        if (confirm != null && (confirm.zh().isBlank() || confirm.en().isBlank())) {
            return "confirmation of '" + type + "' is blank (use null for none)";
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
        private View view;
        private final List<ViewAction> actions = new ArrayList<>();
        private boolean repeatable;
        private Text confirm;
        private String disabledWhen;
        private boolean fromMemory;

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

        /**
         * A view of its own (a tab in a desktop client). A view only reads, so the command is also
         * {@linkplain #repeatable() repeatable}; its result is a table (a list) or a record.
         */
        public Builder view(View shown) {
            this.view = shown;
            this.repeatable = true;
            this.result = shown.isList() ? ResultKind.TABLE : ResultKind.RECORD;
            return this;
        }

        /** A button on the view of {@code list} (the command needs no row). */
        public Builder onView(String list) {
            actions.add(new ViewAction(list, Map.of()));
            return this;
        }

        /**
         * An action on the selected row of the view of {@code list}: {@code fieldFromKey} pairs the
         * request field with the row key that fills it ({@code "user_id", "id"}).
         */
        public Builder onRowsOf(String list, String... fieldFromKey) {
            if (fieldFromKey.length == 0 || fieldFromKey.length % 2 != 0) {
                throw new IllegalArgumentException("onRowsOf(" + list + "): pairs of field and row key");
            }
            Map<String, String> fromRow = new LinkedHashMap<>();
            for (int i = 0; i < fieldFromKey.length; i += 2) {
                fromRow.put(fieldFromKey[i], fieldFromKey[i + 1]);
            }
            actions.add(new ViewAction(list, fromRow));
            return this;
        }

        /** Sending it again after a reconnect changes nothing (it reads, or it is idempotent). */
        public Builder repeatable() {
            this.repeatable = true;
            return this;
        }

        /** The question asked before it runs; {@code {price}} stands for the handler's price. */
        public Builder confirm(String zh, String en) {
            this.confirm = Text.of(zh, en);
            return this;
        }

        /** Pointless for an account whose {@code accountKey} is 1 or true (buy_vip: {@code is_vip}). */
        public Builder disabledWhen(String accountKey) {
            this.disabledWhen = accountKey;
            return this;
        }

        /**
         * The handler usually answers from memory and never waits before {@link Transactions#mayWait}:
         * run it on the network thread (no worker hand-off), moving it to a worker from there.
         */
        public Builder fromMemory() {
            this.fromMemory = true;
            return this;
        }

        public CommandSpec build() {
            return new CommandSpec(type, audience, label, menu, position, fields, result, requestPayload, replyPayload,
                    view, actions, repeatable, confirm, disabledWhen, fromMemory);
        }
    }
}
