package org.vidshare.client.swing.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of the server's {@code features} list: a command the current role may run, with what
 * a generic client needs to offer it (menu place, form fields, how to show the reply, its view,
 * where else it is offered, whether it may be sent again after a reconnect, its price).
 *
 * @param menu the menu path in the connection's language ("Account" or "账户", "Admin/Users"), or
 *             null for commands without a menu entry
 * @param view the view (a tab) the command declares, or null
 * @param actsOn the views this command is offered on (buttons, row actions)
 * @param priceCents the fixed price the server names for the command, or null
 * @param confirm the question to ask before running it ({@code {price}} stands for the price), or null
 * @param disabledWhen the account key that, when 1 or true, makes the command pointless, or null
 */
public record Feature(String type, String role, String label, String menu, int position,
                      List<FieldSpec> fields, String result, ViewSpec view, List<ActsOn> actsOn,
                      boolean repeatable, Long priceCents, String confirm, String disabledWhen) {
    public Feature {
        fields = List.copyOf(fields);
        actsOn = List.copyOf(actsOn);
    }

    public static Feature fromJson(JsonNode node) {
        List<FieldSpec> fields = new ArrayList<>();
        node.path("fields").forEach(f -> fields.add(FieldSpec.fromJson(f)));
        List<ActsOn> actsOn = new ArrayList<>();
        node.path("acts_on").forEach(a -> actsOn.add(ActsOn.fromJson(a)));
        JsonNode menu = node.get("menu");
        String type = node.path("type").asText();
        return new Feature(type, node.path("role").asText(""), node.path("label").asText(type),
                menu == null || menu.isNull() || menu.asText().isBlank() ? null : menu.asText(),
                node.path("position").asInt(0), fields, node.path("result").asText("message"),
                node.path("view").isObject() ? ViewSpec.fromJson(node.get("view")) : null, actsOn,
                node.path("repeatable").asBoolean(false),
                node.path("price_cents").isIntegralNumber() ? node.get("price_cents").asLong() : null,
                textOrNull(node.get("confirm")), textOrNull(node.get("disabled_when")));
    }

    private static String textOrNull(JsonNode node) {
        return node == null || !node.isTextual() || node.asText().isBlank() ? null : node.asText();
    }

    public static List<Feature> listFromJson(JsonNode array) {
        List<Feature> list = new ArrayList<>();
        array.forEach(node -> list.add(fromJson(node)));
        return List.copyOf(list);
    }

    public boolean hasMenu() {
        return menu != null;
    }

    /**
     * Whether the command is pointless for the signed-in account ({@code account}: the login or
     * whoami reply), as its {@code disabled_when} key says (buy_vip for a VIP).
     */
    public boolean disabledFor(JsonNode account) {
        if (disabledWhen == null || account == null) {
            return false;
        }
        JsonNode value = account.path(disabledWhen);
        return value.asInt(0) == 1 || value.asBoolean(false);
    }

    /** The question to ask before running, with the price filled in, or null when none is needed. */
    public String confirmation(Texts texts) {
        String price = priceCents == null ? null : Formats.money(priceCents);
        if (confirm != null) {
            return price == null ? confirm : confirm.replace("{price}", price);
        }
        return price == null ? null : texts.get("confirm.price", label, price);
    }

    /** A field of a request, as the server describes it; {@code money}: a number of cents typed as an amount. */
    public record FieldSpec(String name, String kind, String label, boolean required, Integer max,
                            List<String> choices, boolean money) {
        public FieldSpec {
            choices = List.copyOf(choices);
        }

        public static FieldSpec fromJson(JsonNode node) {
            List<String> choices = new ArrayList<>();
            node.path("choices").forEach(c -> choices.add(c.asText()));
            String name = node.path("name").asText();
            return new FieldSpec(name, node.path("kind").asText("text"), node.path("label").asText(name),
                    node.path("required").asBoolean(true), node.hasNonNull("max") ? node.get("max").asInt() : null,
                    choices, node.path("money").asBoolean(false));
        }
    }

    /** One value a view shows: the reply key, its header (connection's language), how it is formatted. */
    public record ColumnSpec(String key, String label, String kind) {
        /** A long text read whole beside a list rather than in a cell. */
        public boolean isBody() {
            return "body".equals(kind);
        }

        static ColumnSpec fromJson(JsonNode node) {
            String key = node.path("key").asText();
            return new ColumnSpec(key, node.path("label").asText(key), node.path("kind").asText("text"));
        }

        static List<ColumnSpec> listFromJson(JsonNode array) {
            List<ColumnSpec> list = new ArrayList<>();
            array.forEach(node -> list.add(fromJson(node)));
            return List.copyOf(list);
        }
    }

    /**
     * A view as its command declares it: a table of the reply's list {@code list}, or (list null) a
     * record of the reply's own keys; {@code summary}: reply keys shown above the table.
     */
    public record ViewSpec(String list, List<ColumnSpec> columns, List<ColumnSpec> summary) {
        public ViewSpec {
            columns = List.copyOf(columns);
            summary = List.copyOf(summary);
        }

        static ViewSpec fromJson(JsonNode node) {
            return new ViewSpec(textOrNull(node.get("list")), ColumnSpec.listFromJson(node.path("columns")),
                    ColumnSpec.listFromJson(node.path("summary")));
        }

        public boolean isList() {
            return list != null;
        }
    }

    /** Where the command is offered: on the view of {@code list}, filling fields from its selected row. */
    public record ActsOn(String list, Map<String, String> fromRow) {
        public ActsOn {
            fromRow = Map.copyOf(fromRow);
        }

        static ActsOn fromJson(JsonNode node) {
            Map<String, String> fromRow = new LinkedHashMap<>();
            node.path("from_row").fields().forEachRemaining(e -> fromRow.put(e.getKey(), e.getValue().asText()));
            return new ActsOn(node.path("list").asText(), fromRow);
        }

        public boolean needsRow() {
            return !fromRow.isEmpty();
        }
    }
}
