package org.vidshare.core.spi;

import java.util.List;
import java.util.Objects;

/**
 * How a client shows a reading command as a view of its own (a tab): either a list (the reply's
 * list under {@code listKey}, one row per element, the columns read from each element) or a record
 * (listKey null: the columns read from the reply itself, one line each). {@code summary} are keys of
 * the reply itself shown above a list (the wallet's balance above its ledger).
 *
 * <p>A command with a view is safe to run at any time (it only reads): the client runs it when the
 * view opens and again after any command changed something.
 */
public record View(String listKey, List<Column> columns, List<Column> summary) {
    public View {
        columns = List.copyOf(columns);
        summary = List.copyOf(summary);
    }

    /** A table of the reply's list {@code listKey}. */
    public static View list(String listKey, Column... columns) {
        return new View(Objects.requireNonNull(listKey, "listKey"), List.of(columns), List.of());
    }

    /** The reply's own keys, one line each (an account page). */
    public static View record(Column... columns) {
        return new View(null, List.of(columns), List.of());
    }

    /** The same view with the reply's own {@code keys} shown above the list. */
    public View withSummary(Column... keys) {
        return new View(listKey, columns, List.of(keys));
    }

    public boolean isList() {
        return listKey != null;
    }
}
