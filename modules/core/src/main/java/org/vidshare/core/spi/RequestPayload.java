package org.vidshare.core.spi;

import java.util.Objects;

/**
 * Whether a command's request carries raw bytes after its JSON, and how many: none, or
 * {@code sizeField - offsetField} bytes (an upload of {@code file_size} bytes resumed at
 * {@code offset}). The codec reads it from the spec, so a drop-in plugin's command can carry a
 * payload as well as a bundled one.
 *
 * @param sizeField   the request key holding the whole size (a non-negative integer), or null for none
 * @param offsetField the optional request key holding how much of it is already on the server (0..size)
 */
public record RequestPayload(String sizeField, String offsetField) {
    /** A request that carries no bytes after its JSON. */
    public static final RequestPayload NONE = new RequestPayload(null, null);

    public RequestPayload {
        if (sizeField == null && offsetField != null) {
            throw new IllegalArgumentException("an offset field needs a size field");
        }
    }

    /** {@code size - offset} bytes follow the request; a missing offset is 0. */
    public static RequestPayload sizedBy(String sizeField, String offsetField) {
        return new RequestPayload(Objects.requireNonNull(sizeField, "sizeField"), offsetField);
    }

    /** Exactly {@code size} bytes follow the request. */
    public static RequestPayload sizedBy(String sizeField) {
        return new RequestPayload(Objects.requireNonNull(sizeField, "sizeField"), null);
    }

    public boolean present() {
        return sizeField != null;
    }
}
