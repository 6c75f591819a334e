package org.vidshare.core.spi;

/**
 * Whether a command's successful reply may be followed by raw bytes: none, or a file
 * ({@link Reply#withFile}). The server refuses a reply with a file from a command that did not
 * declare one, so what a client must read after a reply is always known from the spec.
 */
public enum ReplyPayload {
    NONE, FILE
}
