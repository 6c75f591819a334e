package org.vidshare.core.codec;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The direct buffers that payload bytes are read into straight from a plain connection's socket,
 * or decrypted into from a TLS one ({@link PayloadReceiver}), kept for the next read instead of
 * allocated for each: a direct
 * buffer costs a system call to make and a collection to free, and a socket read or file write
 * through one copies nothing on the Java side. Shared by every connection of a server, and
 * bounded (direct memory is limited, by default to the heap's size): past the bound a receiver
 * reads through a heap buffer instead.
 */
public final class PayloadBuffers {
    /** One socket read and one file write: 256 KiB. */
    static final int BYTES = 256 * 1024;

    private final int maxBuffers;
    private final Queue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
    /** Buffers that exist: in use, or in {@link #free}. */
    private final AtomicInteger made = new AtomicInteger();

    /** At most {@code maxBytes} of buffers, in use or kept (0: none, every payload reads through the heap). */
    public PayloadBuffers(long maxBytes) {
        this.maxBuffers = (int) Math.min(Integer.MAX_VALUE, maxBytes / BYTES);
    }

    /** A cleared buffer of {@link #BYTES}, reused when one is free; null when the bound is reached. */
    ByteBuffer tryTake() {
        ByteBuffer buffer = free.poll();
        if (buffer != null) {
            return buffer.clear();
        }
        if (made.incrementAndGet() > maxBuffers) {
            made.decrementAndGet();
            return null;
        }
        return ByteBuffer.allocateDirect(BYTES);
    }

    /** Takes back a buffer from {@link #tryTake} that nothing uses any more (any thread). */
    void give(ByteBuffer buffer) {
        free.add(buffer);
    }

    /** Buffers taken and not given back: payload bytes in flight, or a leak if it stays above 0 when no upload runs (metrics). */
    public int inUse() {
        return made.get() - free.size();
    }

    /** Buffers kept for the next read (metrics). */
    public int free() {
        return free.size();
    }
}
