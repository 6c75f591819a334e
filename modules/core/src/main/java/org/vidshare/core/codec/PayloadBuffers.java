package org.vidshare.core.codec;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The direct buffers that payload bytes are read into straight from a plain connection's socket
 * ({@link PayloadReceiver}), kept for the next read instead of allocated for each: a direct
 * buffer costs a system call to make and a collection to free, and a socket read or file write
 * through one copies nothing on the Java side. Shared by every connection of the JVM, and bounded:
 * direct memory is limited (by default to the heap's size), and at most a quarter of the heap's
 * size is in these buffers, in use or kept; past that a receiver reads through a heap buffer.
 */
final class PayloadBuffers {
    /** One socket read and one file write: 256 KiB. */
    static final int BYTES = 256 * 1024;
    /** Buffers in use or kept at most: a quarter of the heap's size (16 MiB at -Xmx64m), at least 8. */
    private static final int MAX_BUFFERS = (int) Math.max(8, Runtime.getRuntime().maxMemory() / 4 / BYTES);

    private static final Queue<ByteBuffer> FREE = new ConcurrentLinkedQueue<>();
    /** Buffers that exist: in use, or in {@link #FREE}. */
    private static final AtomicInteger MADE = new AtomicInteger();

    private PayloadBuffers() {
    }

    /** A cleared buffer of {@link #BYTES}, reused when one is free; null when the bound is reached. */
    static ByteBuffer tryTake() {
        ByteBuffer buffer = FREE.poll();
        if (buffer != null) {
            return buffer.clear();
        }
        if (MADE.incrementAndGet() > MAX_BUFFERS) {
            MADE.decrementAndGet();
            return null;
        }
        return ByteBuffer.allocateDirect(BYTES);
    }

    /** Takes back a buffer from {@link #tryTake} that nothing uses any more (any thread). */
    static void give(ByteBuffer buffer) {
        FREE.add(buffer);
    }
}
