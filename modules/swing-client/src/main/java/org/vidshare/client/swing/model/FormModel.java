package org.vidshare.client.swing.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vidshare.core.hash.Passwords;

/**
 * A request form built from a feature's {@code fields}, so that a command the client has never
 * seen can still be run. Holds what the person typed (as text, per field), checks it the way the
 * server will, and turns it into the request: passwords as their md5 hex, bools as 0/1, numbers
 * and movie ids as integers, money fields (an amount such as 12.50) as integer cents. A
 * {@code file} field yields its path; sending the file's bytes is the
 * upload view's job, not a generic form's.
 */
public final class FormModel {
    private final Feature feature;
    private final Map<String, String> values = new LinkedHashMap<>();

    public FormModel(Feature feature) {
        this.feature = feature;
        for (Feature.FieldSpec field : feature.fields()) {
            values.put(field.name(), defaultValue(field));
        }
    }

    private static String defaultValue(Feature.FieldSpec field) {
        return switch (field.kind()) {
            case "bool" -> "false";
            case "choice" -> field.required() && !field.choices().isEmpty() ? field.choices().get(0) : "";
            default -> "";
        };
    }

    public Feature feature() {
        return feature;
    }

    public List<Feature.FieldSpec> fields() {
        return feature.fields();
    }

    public void set(String name, String value) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException(feature.type() + " has no field " + name);
        }
        values.put(name, value == null ? "" : value);
    }

    public void set(String name, boolean value) {
        set(name, Boolean.toString(value));
    }

    public String get(String name) {
        return values.get(name);
    }

    /** What is wrong with the input, one readable line per problem; empty when it may be sent. */
    public List<String> problems(Texts texts) {
        List<String> problems = new ArrayList<>();
        for (Feature.FieldSpec field : feature.fields()) {
            String value = values.get(field.name());
            String trimmed = value.trim();
            boolean empty = field.kind().equals("password") ? value.isEmpty() : trimmed.isEmpty();
            if (field.kind().equals("bool")) {
                continue;
            }
            if (empty) {
                if (field.required()) {
                    problems.add(texts.get("form.required", field.label()));
                }
                continue;
            }
            switch (field.kind()) {
                case "number", "movie" -> {
                    if (field.money()) {
                        if (Formats.cents(trimmed) == null) {
                            problems.add(texts.get("form.not_money", field.label()));
                        }
                    } else if (!trimmed.matches("-?\\d{1,18}")) {
                        problems.add(texts.get("form.not_number", field.label()));
                    }
                }
                case "choice" -> {
                    if (!field.choices().isEmpty() && !field.choices().contains(trimmed)) {
                        problems.add(texts.get("form.bad_choice", field.label(), String.join(", ", field.choices())));
                    }
                }
                case "file" -> {
                    if (!Files.isRegularFile(Path.of(trimmed))) {
                        problems.add(texts.get("form.no_file", field.label()));
                    }
                }
                default -> {
                    if (field.max() != null && trimmed.codePointCount(0, trimmed.length()) > field.max()) {
                        problems.add(texts.get("form.too_long", field.label(), String.valueOf(field.max())));
                    }
                }
            }
        }
        return problems;
    }

    /** The request to send; call only when {@link #problems} is empty. Empty optional fields are left out. */
    public Map<String, Object> toRequest() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", feature.type());
        for (Feature.FieldSpec field : feature.fields()) {
            String value = values.get(field.name());
            if (field.kind().equals("bool")) {
                request.put(field.name(), Boolean.parseBoolean(value) || value.equals("1") ? 1 : 0);
                continue;
            }
            if (field.kind().equals("password") ? value.isEmpty() : value.isBlank()) {
                continue;
            }
            request.put(field.name(), switch (field.kind()) {
                case "password" -> Passwords.md5Hex(value);
                case "number", "movie" -> field.money() ? Formats.cents(value) : Long.parseLong(value.trim());
                default -> value.trim();
            });
        }
        return request;
    }
}
