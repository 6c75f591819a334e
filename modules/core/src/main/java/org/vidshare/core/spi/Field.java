package org.vidshare.core.spi;

import java.util.List;
import java.util.Objects;
import org.vidshare.core.protocol.Text;

/** One request field as a generic client form shows it. */
public record Field(String name, FieldKind kind, Text label, boolean required, Integer max, List<String> choices) {
    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public static Field of(String name, FieldKind kind, Text label) {
        return new Field(name, kind, label, true, null, List.of());
    }

    public Field optional() {
        return new Field(name, kind, label, false, max, choices);
    }

    public Field max(int maxValue) {
        return new Field(name, kind, label, required, maxValue, choices);
    }

    public Field choices(String... values) {
        return new Field(name, kind, label, required, max, List.of(values));
    }
}
