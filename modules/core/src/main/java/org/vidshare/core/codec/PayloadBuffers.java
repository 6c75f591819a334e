package org.vidshare.core.codec;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The direct buffers that payload bytes move through, kept for the next payload instead of
 * allocated for each: upload bytes read straight from a plain connection's socket, or decrypted
 * from a TLS one ({@link PayloadReceiver}); download bytes read from the file for a plain
 * connection's socket (the server's sender). A direct buffer costs a system call to make and a
 * collection to free, and a socket read or write or a file read or write through one copies
 * nothing on the Java side. One pool per use, shared by every connection of a server, and
 * bounded (direct memory is limited, by default to the heap's size): past the bound a transfer
 * takes its slower way (a heap buffer, or sendfile) instead.
 */
public final class PayloadBuffers {
    /** Uploads: one socket read and one file write, 256 KiB. */
    static final int BYTES = 256 * 1024;

    private final int bufferBytes;
    private final int maxBuffers;
    private final Queue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
    /** Buffers that exist: in use, or in {@link #free}. */
    private final AtomicInteger made = new AtomicInteger();

    /** Upload read buffers: at most {@code maxBytes} of them, in use or kept (0: none, every payload reads through the heap). */
    public PayloadBuffers(long maxBytes) {
        this(BYTES, maxBytes);
    }

    /** Buffers of {@code bufferBytes} each, at most {@code maxBytes} of them, in use or kept (0: none). */
    public PayloadBuffers(int bufferBytes, long maxBytes) {
        this.bufferBytes = bufferBytes;
        this.maxBuffers = (int) Math.min(Integer.MAX_VALUE, maxBytes / bufferBytes);
    }

    /** The size of each buffer. */
    public int bufferBytes() {
        return bufferBytes;
    }

    /** A cleared buffer of {@link #bufferBytes()}, reused when one is free; null when the bound is reached. */
    public ByteBuffer tryTake() {
        ByteBuffer buffer = free.poll();
        if (buffer != null) {
            return buffer.clear();
        }
        if (made.incrementAndGet() > maxBuffers) {
            made.decrementAndGet();
            return null;
        }
        return ByteBuffer.allocateDirect(bufferBytes);
    }

    /** Takes back a buffer from {@link #tryTake} that nothing uses any more (any thread). */
    public void give(ByteBuffer buffer) {
        free.add(buffer);
    }

    /** Buffers taken and not given back: payload bytes in flight, or a leak if it stays above 0 when no transfer runs (metrics). */
    public int inUse() {
        return made.get() - free.size();
    }

    /** Buffers kept for the next read (metrics). */
    public int free() {
        return free.size();
    }
}
