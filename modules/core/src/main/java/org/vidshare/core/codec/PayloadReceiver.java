package org.vidshare.core.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.session.IoSessionConfig;
import org.vidshare.core.spi.IncomingPayload;
import org.vidshare.core.spi.PayloadAbortedException;
import org.vidshare.core.spi.PayloadSink;

/**
 * The bytes that follow one request on one connection, from the frame that announces them to
 * their last byte: the one owner of an upload's payload. Until a handler decides where they go
 * ({@link #receiveInto}), reads stop and the few bytes already read wait here; then they stream
 * from the socket buffer straight into the sink, so memory stays flat whatever the size. The
 * outcome completes on a worker, never on a network thread: what follows the last byte (verify,
 * publish) may take a while.
 */
public final class PayloadReceiver implements IncomingPayload {
    private final IoSession session;
    private final Executor completions;

    private long length;
    /** Bytes not yet read from the peer. */
    private long remaining;
    /** Bytes read before the sink was attached (at most one read: reads stop meanwhile). */
    private IoBuffer early;
    private PayloadSink sink;
    private Exception sinkFailure;
    private CompletableFuture<Void> done;
    private boolean claimed;
    private boolean closed;
    /** The session's read sizes between requests, kept while a payload reads at the max (0: none kept). */
    private int requestReadMin;
    private int requestReadSize;

    PayloadReceiver(IoSession session, Executor completions) {
        this.session = session;
        this.completions = completions;
    }

    /** A frame announced {@code bytes} of payload: reads stop until a sink is attached. */
    synchronized IncomingPayload announce(long bytes) {
        length = bytes;
        remaining = bytes;
        early = null;
        sink = null;
        sinkFailure = null;
        done = null;
        claimed = false;
        readLarge();
        session.suspendRead();
        return this;
    }

    /**
     * Payload bytes are read at the session's largest read size (its max): between requests the
     * server keeps reads small, since MINA allocates and zeroes a fresh buffer of that size for each
     * read, and MINA's adaptive size would start a payload small and halve it after any short read.
     * Runs on the network thread (from the decoder), as every read does.
     */
    private void readLarge() {
        IoSessionConfig config = session.getConfig();
        if (requestReadMin == 0) {
            requestReadMin = config.getMinReadBufferSize();
            requestReadSize = config.getReadBufferSize();
        }
        config.setReadBufferSize(config.getMaxReadBufferSize());
        config.setMinReadBufferSize(config.getMaxReadBufferSize());
    }

    /** The payload's last byte is in (or it ended): back to the sizes between requests. */
    private void readSmall() {
        if (requestReadMin == 0) {
            return;
        }
        IoSessionConfig config = session.getConfig();
        config.setMinReadBufferSize(requestReadMin);
        config.setReadBufferSize(requestReadSize);
        requestReadMin = 0;
    }

    @Override
    public synchronized long length() {
        return length;
    }

    /** Bytes of the current payload read from the peer so far (for the request's log line). */
    public synchronized long received() {
        return length - remaining;
    }

    /** Whether a handler has claimed the current payload (else the server discards it). */
    public synchronized boolean claimed() {
        return claimed;
    }

    /** Whether payload bytes are still expected from the peer (for stall detection). */
    public synchronized boolean receiving() {
        return remaining > 0;
    }

    @Override
    public CompletionStage<Void> receiveInto(PayloadSink target) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        boolean resume;
        synchronized (this) {
            if (claimed) {
                throw new IllegalStateException("the payload is already being received");
            }
            claimed = true;
            sink = target;
            done = future;
            if (early != null) {
                feed(early.flip().buf());
                early = null;
            }
            if (remaining == 0) {
                finish();
            } else if (closed) {
                // Closed while the handler decided: what did arrive went to the sink (a resumable
                // upload keeps it); the rest will never come.
                fail(new PayloadAbortedException("connection closed before the payload", null));
            }
            resume = remaining > 0 && !closed;
        }
        if (resume) {
            // From a worker thread. MINA changes a key's interest set by read-then-write (NioProcessor.
            // setInterestedInRead/Write), so a resume here racing the network thread's write-interest
            // change for this connection could be lost, and the connection would never read again,
            // not even the client's close. One request at a time rules that out: no reply or payload
            // of this connection is being written while its request's payload is attached.
            session.resumeRead();
            FrameReader.wakeUp(session);
        }
        return future;
    }

    /** A rejected request's payload is still on the wire: read it to its end and drop it, unless a handler took it. */
    public CompletionStage<Void> discardUnlessClaimed() {
        synchronized (this) {
            if (claimed) {
                return CompletableFuture.completedFuture(null);
            }
        }
        return receiveInto(PayloadSink.DISCARD);
    }

    /**
     * Takes this payload's bytes from {@code buf} (network thread); true once its last byte is taken.
     * A sink may keep what it is given ({@link PayloadSink#write}): {@code buf} is either a buffer
     * that nothing writes again once it is decoded (MINA reads each time into a buffer of its own,
     * and its TLS filter decrypts each record into one; the codec checks that no pooling allocator
     * is installed), or, when {@code reused}, the reader's own buffer, whose bytes are copied first.
     */
    synchronized boolean take(IoBuffer buf, boolean reused) {
        int n = (int) Math.min(remaining, buf.remaining());
        ByteBuffer chunk = buf.buf().slice();
        chunk.limit(n);
        if (reused && sink != null) {
            chunk = ByteBuffer.allocate(n).put(chunk).flip();
        }
        if (sink == null) {
            if (early == null) {
                early = IoBuffer.allocate(n).setAutoExpand(true);
            }
            early.put(chunk);
            session.suspendRead();
        } else {
            feed(chunk);
        }
        buf.skip(n);
        remaining -= n;
        if (remaining > 0) {
            return false;
        }
        readSmall();
        if (sink != null) {
            finish();
        }
        return true;
    }

    private void feed(ByteBuffer chunk) {
        try {
            sink.write(chunk);
        } catch (IOException | RuntimeException e) {
            // Keep reading to the announced end so the connection stays in sync; report at the end.
            sinkFailure = e;
            sink = PayloadSink.DISCARD;
        }
    }

    private void finish() {
        CompletableFuture<Void> future = done;
        Exception failure = sinkFailure;
        done = null;
        completions.execute(() -> {
            if (failure == null) {
                future.complete(null);
            } else {
                future.completeExceptionally(new PayloadAbortedException("the payload could not be stored: " + failure, failure));
            }
        });
    }

    private void fail(PayloadAbortedException failure) {
        CompletableFuture<Void> future = done;
        done = null;
        remaining = 0;
        completions.execute(() -> future.completeExceptionally(failure));
    }

    /**
     * The connection closed: a payload still being received ends here, its early bytes kept for a
     * late sink. The abort completes on the closing thread: the handler only releases its sink
     * (the partial file), and a resume on another connection must find it released.
     */
    void closed() {
        CompletableFuture<Void> aborted = null;
        synchronized (this) {
            closed = true;
            if (done != null && remaining > 0) {
                aborted = done;
                done = null;
                remaining = 0;
            }
        }
        if (aborted != null) {
            aborted.completeExceptionally(new PayloadAbortedException("connection closed", null));
        }
    }
}
