package org.vidshare.core.codec;

import java.nio.ByteBuffer;

/**
 * Direct buffers of the current thread for one call's use, never kept past it: what a native TLS
 * engine reads from and decrypts into on a network thread (TlsFilter). Why: handed a heap buffer,
 * BoringSSL's engine copies it into a fresh direct one at every call, and a fresh direct buffer
 * costs far more than the copy into a reused one. Each network thread keeps at most one of each
 * kind, as large as its largest read.
 */
final class DirectScratch {
    static final int RECEIVED = 0;
    static final int DECRYPTED = 1;
    private static final ThreadLocal<ByteBuffer[]> BUFFERS = ThreadLocal.withInitial(() -> new ByteBuffer[2]);

    private DirectScratch() {
    }

    /** The thread's buffer of that kind, cleared, with room for {@code capacity} bytes. */
    static ByteBuffer take(int kind, int capacity) {
        ByteBuffer[] buffers = BUFFERS.get();
        ByteBuffer buffer = buffers[kind];
        if (buffer == null || buffer.capacity() < capacity) {
            buffer = ByteBuffer.allocateDirect(Math.max(capacity, 64 << 10));
            buffers[kind] = buffer;
        }
        return buffer.clear();
    }

    /** Whether {@code buffer} is this thread's of that kind. */
    static boolean isScratch(int kind, ByteBuffer buffer) {
        return BUFFERS.get()[kind] == buffer;
    }

    /** {@code bytes} (read mode, left as it is) copied into the thread's buffer of that kind, in read mode. */
    static ByteBuffer copyOf(int kind, ByteBuffer bytes) {
        return take(kind, bytes.remaining()).put(bytes.duplicate()).flip();
    }
}
