package org.vidshare.server.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.Queue;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.vidshare.core.codec.PayloadBuffers;

/**
 * Sends a file region as buffers, a few chunks in flight at a time. Back-pressure: the next chunk
 * is read only when an earlier one has left, so memory stays flat in the file size. Two ways:
 * <ul>
 *   <li>TLS ({@link #encrypted}): every byte must be encrypted, so no zero-copy {@code FileRegion}.
 *   The file is read into one direct buffer of the sender's own, reused while the TLS filter
 *   encrypts each chunk as it is written (the encrypted copy is what stays in flight): no per-chunk
 *   allocation, and no copy of the JDK's between a heap buffer and the file. Should a filter ever
 *   keep a chunk instead, the next one gets a fresh buffer ({@link Writes#writeBuffer} tells which).
 *   <li>Plain ({@link #pooled}): 1 MiB buffers from the server's bounded pool, two in flight, each
 *   refilled once its bytes have left and all given back at the end. On this machine's loopback
 *   that sent about a third faster than {@code sendfile} (docs/benchmarks.md); the caller sends
 *   with {@code sendfile} when the pool has no buffer to give.
 * </ul>
 */
final class ChunkedFileSender {
    /** TLS: 256 KiB, sixteen records per write; four in flight keep the socket busy. */
    private static final int TLS_CHUNK = 256 * 1024;
    private static final int TLS_IN_FLIGHT = 4;
    /** Plain: two pooled buffers in flight (three sent no faster). */
    private static final int POOLED_IN_FLIGHT = 2;
    /** Marks a write whose buffer the filters took whole (a queue holds no null). */
    private static final ByteBuffer NONE_HELD = ByteBuffer.allocate(0);

    private final IoSession io;
    private final FileChannel channel;
    private final Runnable onDone;
    /** The plain way's pool; null for TLS. */
    private final PayloadBuffers pool;
    private final int maxInFlight;
    private long position;
    private final long end;
    /** Buffers of this sender whose bytes are still to leave, in the order written ({@link #NONE_HELD}: one the filters took whole). */
    private final Queue<ByteBuffer> inFlight = new ArrayDeque<>();
    /** Buffers of this sender free for the next chunk. */
    private final Queue<ByteBuffer> idle = new ArrayDeque<>();
    private boolean finished;

    private ChunkedFileSender(IoSession io, FileChannel channel, long offset, long length, Runnable onDone,
                              PayloadBuffers pool, ByteBuffer first, int maxInFlight) {
        this.io = io;
        this.channel = channel;
        this.position = offset;
        this.end = offset + length;
        this.onDone = onDone;
        this.pool = pool;
        this.maxInFlight = maxInFlight;
        if (first != null) {
            idle.add(first);
        }
    }

    /** The TLS way: chunks of one buffer of the sender's own, which the TLS filter encrypts as they are written. */
    static ChunkedFileSender encrypted(IoSession io, FileChannel channel, long offset, long length, Runnable onDone) {
        return new ChunkedFileSender(io, channel, offset, length, onDone, null, null, TLS_IN_FLIGHT);
    }

    /** The plain way: chunks of {@code first} and, while it has them, more of {@code pool}'s buffers (first is from it). */
    static ChunkedFileSender pooled(IoSession io, FileChannel channel, long offset, long length, Runnable onDone,
                                    PayloadBuffers pool, ByteBuffer first) {
        return new ChunkedFileSender(io, channel, offset, length, onDone, pool, first, POOLED_IN_FLIGHT);
    }

    synchronized void start() {
        io.getCloseFuture().addListener(f -> closed());
        pump();
    }

    private synchronized void pump() {
        try {
            while (!finished && !io.isClosing() && inFlight.size() < maxInFlight && position < end) {
                ByteBuffer buffer = nextBuffer();
                if (buffer == null) {
                    break; // the pool is out: the buffers in flight carry on alone
                }
                int size = (int) Math.min(buffer.capacity(), end - position);
                buffer.clear().limit(size);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, position + buffer.position()) < 0) {
                        throw new IOException("file shorter than announced");
                    }
                }
                buffer.flip();
                position += size;
                if (Writes.writeBuffer(io, IoBuffer.wrap(buffer), f -> sent(f.isWritten()))) {
                    inFlight.add(NONE_HELD);
                    idle.add(buffer); // the filters took every byte: the buffer is ours again
                } else {
                    inFlight.add(buffer); // bytes of it still to leave: the session's until they have
                }
            }
        } catch (IOException e) {
            io.closeNow();
        }
        if (!finished && !io.isClosing() && position >= end && inFlight.isEmpty()) {
            finished = true;
            giveBack();
            onDone.run();
        }
    }

    /**
     * The connection closed, and its network thread has let go of it: only now may the buffers in
     * flight be refilled or given back (see {@link #sent}). The transfer did not finish:
     * {@code onDone} does not run (the connection's close listeners release what it held).
     */
    private synchronized void closed() {
        if (!finished) {
            finished = true;
            giveBack();
        }
    }

    private void giveBack() {
        if (pool != null) {
            idle.forEach(pool::give);
            inFlight.stream().filter(buffer -> buffer != NONE_HELD).forEach(pool::give);
        }
        idle.clear();
        inFlight.clear();
    }

    /** A free buffer of this sender's, else a new one: a pooled one while the pool has it, or one of its own for TLS. */
    private ByteBuffer nextBuffer() {
        ByteBuffer buffer = idle.poll();
        if (buffer != null) {
            return buffer;
        }
        return pool == null ? ByteBuffer.allocateDirect(TLS_CHUNK) : pool.tryTake();
    }

    /**
     * A write has left, or failed. Writes leave in the order they were made. Not so once the
     * connection is closing: MINA's {@code closeNow} marks every queued write as written, on the
     * closing thread, while the network thread may still be writing one of them, so nothing is
     * refilled then; {@link #closed} takes the buffers back once the session is gone.
     */
    private synchronized void sent(boolean ok) {
        if (finished || io.isClosing()) {
            return;
        }
        ByteBuffer left = inFlight.poll();
        if (left != null && left != NONE_HELD) {
            idle.add(left);
        }
        if (!ok) {
            position = end;
        }
        pump();
    }
}
