package org.vidshare.client.swing.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of the server's {@code features} list: a command the current role may run, with what
 * a generic client needs to offer it (menu place, form fields, how to show the reply).
 *
 * @param menu the menu path in the connection's language ("Account" or "账户", "Admin/Users"), or
 *             null for commands without a menu entry
 */
public record Feature(String type, String role, String label, String menu, int position,
                      List<FieldSpec> fields, String result) {
    public Feature {
        fields = List.copyOf(fields);
    }

    public static Feature fromJson(JsonNode node) {
        List<FieldSpec> fields = new ArrayList<>();
        node.path("fields").forEach(f -> fields.add(FieldSpec.fromJson(f)));
        JsonNode menu = node.get("menu");
        String type = node.path("type").asText();
        return new Feature(type, node.path("role").asText(""), node.path("label").asText(type),
                menu == null || menu.isNull() || menu.asText().isBlank() ? null : menu.asText(),
                node.path("position").asInt(0), fields, node.path("result").asText("message"));
    }

    public static List<Feature> listFromJson(JsonNode array) {
        List<Feature> list = new ArrayList<>();
        array.forEach(node -> list.add(fromJson(node)));
        return List.copyOf(list);
    }

    public boolean hasMenu() {
        return menu != null;
    }

    /** A field of a request, as the server describes it. */
    public record FieldSpec(String name, String kind, String label, boolean required, Integer max,
                            List<String> choices) {
        public FieldSpec {
            choices = List.copyOf(choices);
        }

        public static FieldSpec fromJson(JsonNode node) {
            List<String> choices = new ArrayList<>();
            node.path("choices").forEach(c -> choices.add(c.asText()));
            String name = node.path("name").asText();
            return new FieldSpec(name, node.path("kind").asText("text"), node.path("label").asText(name),
                    node.path("required").asBoolean(true), node.hasNonNull("max") ? node.get("max").asInt() : null,
                    choices);
        }
    }
}
