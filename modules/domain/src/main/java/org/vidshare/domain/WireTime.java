package org.vidshare.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Stored epoch milliseconds as the protocol's ISO-8601 time with offset, in the server's zone. */
public final class WireTime {
    private WireTime() {
    }

    public static String format(long epochMillis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneId.systemDefault())
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
