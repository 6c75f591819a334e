package org.vidshare.core.spi;

import java.util.Locale;

/**
 * How a client formats one value of a view: plain text, integer cents as money, a wire time as a
 * local date, 0/1 as yes/no, a plain count, bytes as a size, or a body: a long text (a notice's)
 * that a list does not cut into a cell but shows whole, wrapped, for the selected row beside it.
 */
public enum ColumnKind {
    TEXT, MONEY, DATE, BOOL, COUNT, SIZE, BODY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
