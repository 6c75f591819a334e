package org.vidshare.core.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.AbstractIoSession;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.session.IoSessionConfig;
import org.apache.mina.transport.socket.nio.NioSession;
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
 *
 * <p>On a plain connection the payload does not go through MINA's reads, which allocate and zero
 * a fresh heap buffer for each and copy every byte twice more on the way to a file (socket to
 * heap, heap to file): MINA reads one byte, which says the socket is readable, and this receiver
 * reads the rest itself, on the same network thread, into pooled direct buffers
 * ({@link PayloadBuffers}) that it lends to the sink ({@link PayloadSink#write(ByteBuffer, Runnable)}),
 * and stops reading while the sink keeps as many as it may lend ({@link #MAX_LENT}). A sink may
 * also stop the reads itself, plain or TLS, while something slower than the network is behind
 * ({@link #pause()}: an upload's disk).
 * Over TLS the bytes come decrypted through the TLS filter, each read's records into a pooled
 * buffer when one is free ({@link #decryptTarget(int)}), else into a heap buffer of their own. With
 * a native engine (BoringSSL) the filter too reads the socket itself after MINA's one byte, into a
 * direct buffer ({@link #straightTlsReadBytes()}); the JDK's engine decrypts faster from MINA's
 * heap reads.
 */
public final class PayloadReceiver implements IncomingPayload {
    /**
     * Bytes read straight from the socket per readable event at most, so that an upload does not
     * keep its network thread from the other connections it serves: 1 MiB.
     */
    private static final long STRAIGHT_BYTES_PER_EVENT = 1 << 20;
    /**
     * Buffers lent to the sink and not given back at most (2 MiB). On a plain connection, when the
     * sink keeps that many (its hasher is behind), reads pause ({@link #hold}) until it has
     * given half of them back, so that the peer's bytes wait in the socket and the sink keeps up
     * from memory: an upload's hasher that was not held back read 96% of the bytes back from the
     * file, on the core that limits a plain upload (docs/benchmarks.md). Over TLS the network
     * thread's decryption is the limit, and pausing it cost a TLS upload an eighth in the same
     * measurements, so there the hasher reads back what it falls behind on. When the pool has no
     * buffer free, the receiver reads into a spare of its own instead, which the sink must consume
     * at once ({@link PayloadSink#write(ByteBuffer)}).
     */
    static final int MAX_LENT = 8;
    /** Held-back reads resume once the sink keeps no more than this many lent buffers. */
    private static final int RESUME_AT_LENT = MAX_LENT / 2;
    /**
     * A read shorter than this is consumed at once and its buffer reused, not lent: a slow upload
     * (a few packets per event) would otherwise keep a 256 KiB buffer per packet until its hasher
     * next wakes, and keep the pool from the fast ones.
     */
    private static final int LEND_MIN_BYTES = 64 * 1024;
    /**
     * MINA's read size while a TLS payload streams in: 192 KiB, so that what one read decrypts to
     * (with the start of a record the previous read ended inside, and the engine's room for one
     * more record) fits a pooled buffer (256 KiB, {@link PayloadBuffers#BYTES}) and fills most of it.
     */
    private static final int TLS_PAYLOAD_READ_BYTES = 192 * 1024;
    /** The spare's size when no pooled buffer is free: MINA's own payload read size. */
    private static final int HEAP_SPARE_BYTES = 64 * 1024;
    private static final int HELD_FOR_LENT = 1;
    private static final int HELD_BY_SINK = 2;
    /** A buffer nothing else writes: a chunk of it needs no giving back. */
    private static final Runnable NOTHING_TO_RELEASE = () -> {
    };

    private final IoSession session;
    private final Executor completions;
    private final PayloadBuffers buffers;
    private final ReadHolds holdTimes;
    /** The socket of a plain connection, read here while a payload streams in; null over TLS. */
    private final ByteChannel socket;
    /** The socket of a TLS connection, which a native engine's filter reads on from (TlsFilter); null when plain. */
    private final ByteChannel tlsSocket;
    private final AtomicInteger lent = new AtomicInteger();
    /**
     * Why reads are held back: {@link #HELD_FOR_LENT} (the sink keeps {@link #MAX_LENT} buffers;
     * the release that brings it to {@link #RESUME_AT_LENT} ends it), {@link #HELD_BY_SINK} (the
     * sink asked, {@link #pause()}), or both; 0 while reads run. Changed under {@link #holdLock}
     * together with the suspend or resume it calls for, so that one reason's end never resumes
     * reads the other still holds back.
     */
    private volatile int holds;
    private final Object holdLock = new Object();
    /** When each hold began ({@code System.nanoTime()}), for {@link #holdTimes}: index 0 for lent buffers, 1 for the sink. */
    private final long[] heldSince = new long[2];
    /** Read into when {@link #MAX_LENT} buffers are out (or none is free): held for one payload. */
    private ByteBuffer spare;

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
    private int requestReadMax;
    /**
     * The pooled buffer the TLS filter is decrypting the current read into ({@link #decryptTarget}),
     * until {@link #take} keeps it for the sink or {@link #decrypted} gives it back; else null.
     */
    private ByteBuffer decryptTarget;

    PayloadReceiver(IoSession session, Executor completions, PayloadBuffers buffers, ReadHolds holdTimes) {
        this.session = session;
        this.completions = completions;
        this.buffers = buffers;
        this.holdTimes = holdTimes;
        boolean tls = session.getFilterChain().contains(TlsFilter.class);
        this.socket = session instanceof NioSession nio && !tls ? nio.getChannel() : null;
        this.tlsSocket = session instanceof NioSession nio && tls ? nio.getChannel() : null;
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
     * Payload bytes are read in large reads (over TLS {@link #TLS_PAYLOAD_READ_BYTES}, the max
     * raised to it if need be): between requests the server keeps reads small, since MINA allocates
     * and zeroes a fresh buffer of that size for each read, and MINA's adaptive size would start a
     * payload small and halve it after any short read.
     * On a plain connection MINA reads a single byte instead, and {@link #take} reads the rest.
     * Runs on the network thread (from the decoder), as every read does.
     */
    private void readLarge() {
        IoSessionConfig config = session.getConfig();
        if (requestReadMin == 0) {
            requestReadMin = config.getMinReadBufferSize();
            requestReadSize = config.getReadBufferSize();
            requestReadMax = config.getMaxReadBufferSize();
        }
        int size = socket != null || straightTls() ? 1 : Math.max(requestReadMax, TLS_PAYLOAD_READ_BYTES);
        config.setMaxReadBufferSize(Math.max(requestReadMax, size));
        config.setReadBufferSize(size);
        config.setMinReadBufferSize(size);
    }

    /** The payload's last byte is in (or it ended): back to the sizes between requests. */
    private void readSmall() {
        giveBackSpare();
        if (requestReadMin == 0) {
            return;
        }
        IoSessionConfig config = session.getConfig();
        config.setReadBufferSize(requestReadSize);
        config.setMinReadBufferSize(requestReadMin);
        config.setMaxReadBufferSize(requestReadMax);
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
        if (resume && holds == 0) {
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
     * {@code reused}: {@code buf} is the reader's own buffer, whose bytes change after this call;
     * any other is a buffer of its own for this read (MINA's read, or one TLS record decrypted),
     * which nothing writes again, so the sink may keep its chunk (the codec checks that no pooling
     * allocator is installed).
     */
    synchronized boolean take(IoBuffer buf, boolean reused) {
        int n = (int) Math.min(remaining, buf.remaining());
        ByteBuffer chunk = buf.buf().slice();
        chunk.limit(n);
        buf.skip(n);
        remaining -= n;
        if (sink == null) {
            if (early == null) {
                early = IoBuffer.allocate(n).setAutoExpand(true);
            }
            early.put(chunk);
            session.suspendRead();
        } else if (socket != null) {
            readStraight(chunk);
        } else if (decryptTarget != null && buf.buf() == decryptTarget) {
            takeDecrypted(chunk, !buf.hasRemaining());
        } else if (reused) {
            feed(chunk);
        } else {
            feedKept(chunk, NOTHING_TO_RELEASE);
        }
        if (remaining > 0) {
            return false;
        }
        readSmall();
        if (sink != null) {
            finish();
        }
        return true;
    }

    /**
     * The bytes MINA read ({@code first}), then as many as the socket holds, up to the payload's end
     * and {@link #STRAIGHT_BYTES_PER_EVENT}, read straight into direct buffers and handed to the sink.
     * A read error closes the connection (MINA then reports the close, which ends the payload).
     */
    private void readStraight(ByteBuffer first) {
        // MINA doubles a read size that a read filled; the next readable event should cost it one byte again.
        session.getConfig().setReadBufferSize(1);
        long budget = STRAIGHT_BYTES_PER_EVENT;
        boolean drained = false;
        ByteBuffer pending = first;
        if (first.remaining() > HEAP_SPARE_BYTES) {
            // More than one of MINA's reads (none is, once the sink is attached): no buffer to put it in.
            feed(first);
            pending = null;
        }
        while (pending != null || (!drained && remaining > 0 && budget > 0 && holds == 0)) {
            ByteBuffer buffer = lent.get() < MAX_LENT ? buffers.tryTake() : null;
            boolean pooled = buffer != null;
            if (!pooled) {
                buffer = spare();
            }
            if (pending != null) {
                buffer.put(pending);
                pending = null;
            }
            try {
                buffer.limit((int) Math.min(buffer.capacity(), buffer.position() + Math.min(remaining, budget)));
                while (buffer.hasRemaining()) {
                    int read = socket.read(buffer);
                    if (read <= 0) {
                        drained = true; // nothing more now (0) or the peer closed (-1): MINA sees which
                        break;
                    }
                    remaining -= read;
                    budget -= read;
                    ((AbstractIoSession) session).increaseReadBytes(read, System.currentTimeMillis());
                }
            } catch (IOException e) {
                drained = true;
                session.closeNow();
            }
            buffer.flip();
            if (pooled && buffer.remaining() >= LEND_MIN_BYTES) {
                lend(buffer, buffer);
            } else {
                feed(buffer);
                if (pooled) {
                    buffers.give(buffer);
                }
            }
        }
    }

    private boolean straightTls() {
        return tlsSocket != null && TlsFilter.readsPayloadStraight(session);
    }

    /**
     * How many bytes the TLS filter may read straight from the socket now (network thread): while a
     * payload streams into a sink with reads not suspended, at most as many as are left of it (its
     * records are longer, so the read stays inside them) and as a pooled buffer's decryption takes;
     * else 0.
     */
    synchronized int straightTlsReadBytes() {
        if (!straightTls() || sink == null || remaining == 0 || session.isReadSuspended() || session.isClosing()) {
            return 0;
        }
        return (int) Math.min(remaining, TLS_PAYLOAD_READ_BYTES);
    }

    ByteChannel tlsSocket() {
        return tlsSocket;
    }

    /**
     * A pooled buffer for the TLS filter to decrypt a read into, while a TLS payload streams into a
     * sink (network thread): the sink may then keep the bytes without a fresh heap buffer per read,
     * and a file takes them from a direct buffer without another copy. Null when none is to be had
     * or needed (then the filter decrypts into a buffer of its own). Every buffer lent is given back
     * through {@link #decrypted}, which the filter calls once the read has gone up the chain.
     */
    synchronized ByteBuffer decryptTarget(int bytes) {
        if (socket != null || sink == null || remaining == 0 || decryptTarget != null
                || bytes > buffers.bufferBytes() || lent.get() >= MAX_LENT) {
            return null;
        }
        decryptTarget = buffers.tryTake();
        return decryptTarget;
    }

    /** The read decrypted into {@link #decryptTarget(int)}'s buffer went up the chain: back to the pool unless the sink kept it. */
    synchronized void decrypted() {
        if (decryptTarget != null) {
            buffers.give(decryptTarget);
            decryptTarget = null;
        }
    }

    /**
     * Payload bytes decrypted into a pooled buffer: lent to the sink when they are all the buffer
     * holds ({@code whole}; bytes after them belong to the next request, which the frame reader
     * reads once this returns) and enough to be worth lending; else consumed at once.
     */
    private void takeDecrypted(ByteBuffer chunk, boolean whole) {
        if (!whole || chunk.remaining() < LEND_MIN_BYTES) {
            feed(chunk);
            return;
        }
        lend(chunk, decryptTarget);
        decryptTarget = null;
    }

    /**
     * Hands {@code chunk} (bytes of the pooled {@code buffer}) to the sink, the buffer back to the
     * pool once it is done with them; holds reads back while the sink keeps {@link #MAX_LENT}.
     */
    private void lend(ByteBuffer chunk, ByteBuffer buffer) {
        lent.incrementAndGet();
        feedKept(chunk, () -> {
            buffers.give(buffer);
            if (lent.decrementAndGet() <= RESUME_AT_LENT) {
                endHold(HELD_FOR_LENT);
            }
        });
        if (socket != null && lent.get() >= MAX_LENT && remaining > 0) {
            hold(HELD_FOR_LENT);
            // A release that came before the hold ended nothing: the count is read again after it.
            if (lent.get() <= RESUME_AT_LENT) {
                endHold(HELD_FOR_LENT);
            }
        }
    }

    @Override
    public synchronized void pause() {
        if (sink != null && remaining > 0 && !closed) {
            hold(HELD_BY_SINK);
        }
    }

    @Override
    public void resume() {
        endHold(HELD_BY_SINK);
    }

    /** Whether the sink paused the reads ({@link #pause()}): then the peer waits for the server, it is not stalled. */
    public boolean pausedBySink() {
        return (holds & HELD_BY_SINK) != 0;
    }

    /** Suspends reads for {@code reason} until {@link #endHold} of it (and of any other reason held). */
    private void hold(int reason) {
        synchronized (holdLock) {
            session.suspendRead();
            if ((holds & reason) == 0) {
                heldSince[reason - 1] = System.nanoTime();
            }
            holds |= reason;
        }
    }

    /**
     * Ends the hold for {@code reason}, and resumes reads if no other holds them (any thread: the
     * sink's, as a rule). As with {@link #receiveInto}'s resume, one request at a time makes this
     * safe off the network thread: nothing of this connection is being written while its payload
     * streams in, so MINA's read-then-write of the interest set has no write-interest change to
     * race with.
     */
    private void endHold(int reason) {
        synchronized (holdLock) {
            if ((holds & reason) == 0) {
                return;
            }
            holds &= ~reason;
            counted(reason);
            if (holds != 0) {
                return;
            }
            session.resumeRead();
        }
        FrameReader.wakeUp(session);
    }

    /** Adds the hold for {@code reason} that just ended, or that a close ends, to the server's times (under holdLock). */
    private void counted(int reason) {
        long nanos = System.nanoTime() - heldSince[reason - 1];
        if (reason == HELD_FOR_LENT) {
            holdTimes.heldForLentBuffers(nanos);
        } else {
            holdTimes.pausedBySink(nanos);
        }
    }

    private void giveBackSpare() {
        if (spare != null && spare.isDirect()) {
            buffers.give(spare);
        }
        spare = null;
    }

    /** This payload's own buffer: a pooled one, or, with every pooled one in use, a heap buffer of 64 KiB. */
    private ByteBuffer spare() {
        if (spare == null) {
            spare = buffers.tryTake();
            if (spare == null) {
                spare = ByteBuffer.allocate(HEAP_SPARE_BYTES);
            }
        }
        return spare.clear();
    }

    private void feed(ByteBuffer chunk) {
        try {
            sink.write(chunk);
        } catch (IOException | RuntimeException e) {
            failSink(e);
        }
    }

    private void feedKept(ByteBuffer chunk, Runnable release) {
        try {
            sink.write(chunk, release);
        } catch (IOException | RuntimeException e) {
            failSink(e);
        }
    }

    /** Keeps reading to the announced end so the connection stays in sync; reports at the end. */
    private void failSink(Exception e) {
        sinkFailure = e;
        sink = PayloadSink.DISCARD;
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
        synchronized (holdLock) {
            // Holds end with the connection (nothing resumes a closing session's reads).
            for (int reason : new int[] {HELD_FOR_LENT, HELD_BY_SINK}) {
                if ((holds & reason) != 0) {
                    counted(reason);
                }
            }
            holds = 0;
        }
        synchronized (this) {
            closed = true;
            giveBackSpare();
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
