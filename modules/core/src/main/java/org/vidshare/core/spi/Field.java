package org.vidshare.core.spi;

import java.util.List;
import java.util.Objects;
import org.vidshare.core.protocol.Text;

/**
 * One request field as a generic client form shows it.
 *
 * @param money a {@code number} field that holds integer cents: a client lets people type an amount
 *              such as 12.50 and sends 1250
 */
public record Field(String name, FieldKind kind, Text label, boolean required, Integer max, List<String> choices,
                    boolean money) {
    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public Field(String name, FieldKind kind, Text label, boolean required, Integer max, List<String> choices) {
        this(name, kind, label, required, max, choices, false);
    }

    public static Field of(String name, FieldKind kind, Text label) {
        return new Field(name, kind, label, true, null, List.of());
    }

    /** A number field of integer cents (see {@link #money}). */
    public static Field money(String name, Text label) {
        return new Field(name, FieldKind.NUMBER, label, true, null, List.of(), true);
    }

    public Field optional() {
        return new Field(name, kind, label, false, max, choices, money);
    }

    public Field max(int maxValue) {
        return new Field(name, kind, label, required, maxValue, choices, money);
    }

    public Field choices(String... values) {
        return new Field(name, kind, label, required, max, List.of(values), money);
    }
}
