package org.vidshare.core.codec;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * One TLS connection's large encrypted-write buffers, kept for its next writes while a write is in
 * flight. A TLS download encrypts each 256 KiB chunk into one; a fresh heap array per chunk cost
 * the network thread its zeroing (7% of the server's CPU on a TLS download) and the young
 * collections after it. Heap for the JDK's engine, whose AES-GCM runs about a third faster into a
 * heap buffer than into a direct one; direct for a native one, which would otherwise encrypt into
 * a scratch buffer and copy (TlsImplementations.prefersDirectBuffers). Once nothing is in flight none is kept, so an
 * idle connection holds no buffer. Not thread-safe: the connection's TLS state guards it.
 */
final class EncryptedBuffers {
    /** Smaller ones (replies, handshake records) cost little to make and are not kept. */
    static final int KEPT_MIN_BYTES = 64 << 10;
    /** As many as a download keeps in flight. */
    private static final int KEPT_MAX = 4;

    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>(KEPT_MAX);
    private final boolean direct;
    private int inFlight;

    EncryptedBuffers(boolean direct) {
        this.direct = direct;
    }

    /** An empty buffer of at least {@code capacity} bytes, in flight until {@link #sent}. */
    ByteBuffer take(int capacity) {
        inFlight++;
        for (Iterator<ByteBuffer> kept = free.iterator(); kept.hasNext(); ) {
            ByteBuffer buffer = kept.next();
            if (buffer.capacity() >= capacity) {
                kept.remove();
                return buffer.clear();
            }
        }
        return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    }

    /** {@code buffer}, from {@link #take}, has left (or will never leave): kept for a next write if large. */
    void sent(ByteBuffer buffer) {
        inFlight--;
        if (buffer.capacity() >= KEPT_MIN_BYTES && free.size() < KEPT_MAX) {
            free.add(buffer);
        }
    }

    /** Once a sent write's writer has been told (and may have written again): with nothing in flight, nothing is kept. */
    void settle() {
        if (inFlight == 0) {
            free.clear();
        }
    }

    int kept() {
        return free.size();
    }
}
