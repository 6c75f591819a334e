package org.vidshare.core.spi;

/** The payload stopped before its last byte: the connection dropped, stalled, or its sink failed. */
public final class PayloadAbortedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PayloadAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
