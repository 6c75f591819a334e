package org.vidshare.core.spi;

import java.util.Objects;
import org.vidshare.core.protocol.Text;

/** One value a view shows: the reply key it reads, its header in both languages, how it is formatted. */
public record Column(String key, Text header, ColumnKind kind) {
    public Column {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(kind, "kind");
    }

    public static Column of(String key, String zh, String en, ColumnKind kind) {
        return new Column(key, Text.of(zh, en), kind);
    }
}
