package org.vidshare.core.spi;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Where the bytes of a request payload go, chunk by chunk, as they arrive from the socket. */
public interface PayloadSink {
    /**
     * Consumes all remaining bytes of {@code chunk}. Called from a network thread: no waiting here.
     * The bytes of {@code chunk} never change afterwards (the server reads into a new buffer each
     * time), so a sink may keep a read-only view of them, to hash them on another thread, say,
     * instead of copying them or reading them back.
     */
    void write(ByteBuffer chunk) throws IOException;

    /** A sink that drops everything: a rejected request's payload is read and discarded. */
    PayloadSink DISCARD = chunk -> chunk.position(chunk.limit());
}
