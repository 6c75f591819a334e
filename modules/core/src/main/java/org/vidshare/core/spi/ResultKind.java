package org.vidshare.core.spi;

import java.util.Locale;

/** How a client renders a reply: a message, a key/value record, the first list as a table, a download. */
public enum ResultKind {
    MESSAGE, RECORD, TABLE, DOWNLOAD;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
