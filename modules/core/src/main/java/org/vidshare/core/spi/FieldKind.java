package org.vidshare.core.spi;

import java.util.Locale;

/** How a client renders a request field in a generic form. */
public enum FieldKind {
    TEXT, PASSWORD, NUMBER, BOOL, CHOICE, MOVIE, FILE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
