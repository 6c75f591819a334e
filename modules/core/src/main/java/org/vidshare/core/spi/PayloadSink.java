package org.vidshare.core.spi;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where the bytes of a request payload go, chunk by chunk, as they arrive from the socket. Both
 * methods are called from a network thread, one chunk at a time and in order: no waiting here.
 */
public interface PayloadSink {
    /** Consumes all remaining bytes of {@code chunk} now: they are valid only during the call. */
    void write(ByteBuffer chunk) throws IOException;

    /**
     * Consumes all remaining bytes of {@code chunk}, which the sink may keep past the call (to hash
     * them on another thread, say, instead of copying them or reading them back): their buffer is
     * not used again until {@code release} has run. The sink runs {@code release} exactly once, from
     * any thread, when it is done with them, also when it fails or is closed. While the sink keeps
     * every buffer the server may lend it (2 MiB), the server may read no more of this payload
     * until the sink has given half of them back: so it must give them back without waiting for
     * more bytes. By default the chunk is written as by {@link #write(ByteBuffer)} and released at once.
     */
    default void write(ByteBuffer chunk, Runnable release) throws IOException {
        try {
            write(chunk);
        } finally {
            release.run();
        }
    }

    /** A sink that drops everything: a rejected request's payload is read and discarded. */
    PayloadSink DISCARD = chunk -> chunk.position(chunk.limit());
}
