package org.vidshare.core.spi;

import java.util.Locale;

/**
 * How a client formats one value of a view: plain text, integer cents as money, a wire time as a
 * local date, 0/1 as yes/no, a plain count, or bytes as a size.
 */
public enum ColumnKind {
    TEXT, MONEY, DATE, BOOL, COUNT, SIZE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
