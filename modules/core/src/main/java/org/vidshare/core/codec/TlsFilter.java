package org.vidshare.core.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.filterchain.IoFilterChain;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.DefaultWriteRequest;
import org.apache.mina.core.write.WriteRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vidshare.core.tls.TlsImplementations;

/**
 * Server-side TLS for a MINA session through an {@code SSLEngine} (the JDK's, or a native one:
 * TlsImplementations), in place of MINA's
 * {@code SslFilter}, with records batched: a write is encrypted whole into one buffer and leaves as
 * one write request (one system call), and every whole record a read brought is decrypted into one
 * buffer, one message up the chain. Why: MINA's filter encrypts each 16 KiB record into a fresh
 * buffer sized for five, writes each record as its own request and decrypts one record per
 * message; on a TLS download that held the server's network thread to about a third of what the
 * JDK's own engine can move (docs/benchmarks.md). Each message up is a buffer of its own (the
 * upload hasher keeps them): a pooled one lent by the connection's {@link PayloadReceiver} while a
 * payload streams in, else a fresh one; writes that are not buffers (a file region) are refused,
 * never sent in the clear.
 */
public final class TlsFilter extends IoFilterAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(TlsFilter.class);
    private static final AttributeKey STATE = new AttributeKey(TlsFilter.class, "state");
    /** Room for a record's header, padding and tag beyond its 16 KiB of plaintext (RFC 8446 allows 256). */
    private static final int RECORD_OVERHEAD = 256;
    private static final int RECORD = 16 << 10;
    /** Payload bytes read straight from the socket per readable event at most, as PayloadReceiver's own. */
    private static final long STRAIGHT_BYTES_PER_EVENT = 1 << 20;

    private final Supplier<SSLEngine> engines;

    /** {@code engines}: a new server-mode engine per connection, its protocols and suites set. */
    public TlsFilter(Supplier<SSLEngine> engines) {
        this.engines = engines;
    }

    @Override
    public void onPostAdd(IoFilterChain parent, String name, NextFilter nextFilter) throws SSLException {
        state(parent.getSession());
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        if (!(message instanceof IoBuffer received)) {
            next.messageReceived(session, message);
            return;
        }
        Tls tls = state(session);
        FrameReader reader = FrameReader.of(session);
        PayloadReceiver payload = reader == null ? null : reader.payload();
        try {
            IoBuffer plain;
            try {
                plain = tls.receive(next, session, received.buf(), payload);
            } catch (SSLException e) {
                tls.fail(next, session, e);
                return;
            }
            // Up the chain outside the lock: only this (the network) thread receives, so order holds,
            // and a worker's write does not wait for the request's handling.
            if (plain != null) {
                next.messageReceived(session, plain);
            }
        } finally {
            if (payload != null) {
                payload.decrypted();
            }
        }
        if (payload != null && tls.direct) {
            readPayloadStraight(next, session, tls, payload);
        }
    }

    /**
     * A native engine's payload, read on from the socket here into the thread's direct scratch
     * (MINA read one byte, which said the socket is readable: PayloadReceiver), decrypted and passed
     * up read by read, up to {@link #STRAIGHT_BYTES_PER_EVENT}: no heap buffer allocated and zeroed
     * per read, no copy into a direct one. Never past the payload's end (at most as many bytes as
     * are left of it: records are longer than their plaintext), so the next request waits in the
     * socket as it would. A read that fails or finds the end stops here; MINA's next read sees it.
     */
    private static void readPayloadStraight(NextFilter next, IoSession session, Tls tls, PayloadReceiver payload) {
        for (long read = 0; read < STRAIGHT_BYTES_PER_EVENT; ) {
            int ahead = payload.straightTlsReadBytes();
            if (ahead == 0) {
                return;
            }
            Straight straight;
            try {
                straight = tls.receiveStraight(next, session, payload.tlsSocket(), ahead, payload);
            } catch (SSLException e) {
                tls.fail(next, session, e);
                payload.decrypted();
                return;
            } catch (IOException e) {
                payload.decrypted();
                return;
            }
            try {
                if (straight.plain() != null) {
                    next.messageReceived(session, straight.plain());
                }
            } finally {
                payload.decrypted();
            }
            if (straight.read() <= 0) {
                return;
            }
            read += straight.read();
        }
    }

    /** What one straight read brought: its bytes (-1 at the socket's end) and what they decrypted to (or null). */
    private record Straight(int read, IoBuffer plain) {
    }

    @Override
    public void filterWrite(NextFilter next, IoSession session, WriteRequest request) throws SSLException {
        if (!(request.getMessage() instanceof IoBuffer)) {
            request.getFuture().setException(new IllegalStateException(
                    "only buffers are written over TLS, not " + request.getMessage().getClass().getSimpleName()));
            return;
        }
        state(session).write(next, session, request);
    }

    @Override
    public void messageSent(NextFilter next, IoSession session, WriteRequest request) {
        if (request instanceof Encrypted encrypted) {
            if (encrypted.plain != null) {
                Tls tls = (Tls) session.getAttribute(STATE);
                tls.sent(encrypted.bytes);
                next.messageSent(session, encrypted.plain);
                tls.settle();
            }
            return; // handshake records: nobody above wrote them
        }
        next.messageSent(session, request);
    }

    @Override
    public void filterClose(NextFilter next, IoSession session) {
        Tls tls = (Tls) session.getAttribute(STATE);
        if (tls != null) {
            tls.closeOutbound(next, session);
        }
        next.filterClose(session);
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession session) throws Exception {
        Tls tls = (Tls) session.getAttribute(STATE);
        if (tls != null) {
            tls.release();
        }
        next.sessionClosed(session);
    }

    /** Whether this session's payloads are read straight from the socket (a native engine's: {@link #readPayloadStraight}). */
    static boolean readsPayloadStraight(IoSession session) {
        Tls tls = (Tls) session.getAttribute(STATE);
        return tls != null && tls.direct;
    }

    private Tls state(IoSession session) throws SSLException {
        Tls tls = (Tls) session.getAttribute(STATE);
        if (tls == null) {
            tls = new Tls(engines.get());
            Tls earlier = (Tls) session.setAttributeIfAbsent(STATE, tls);
            if (earlier != null) {
                tls = earlier;
            }
        }
        return tls;
    }

    /** An encrypted write: its future is the plain request's, so that the writer learns when it left. */
    private static final class Encrypted extends DefaultWriteRequest {
        /** Null for handshake and alert records. */
        final WriteRequest plain;
        /** The records (MINA writes a duplicate of them). */
        final ByteBuffer bytes;

        Encrypted(ByteBuffer bytes, WriteRequest plain) {
            super(IoBuffer.wrap(bytes), plain == null ? null : plain.getFuture()); // null: MINA's unused future
            this.plain = plain;
            this.bytes = bytes;
        }
    }

    /** One connection's engine and buffers; every engine call holds its lock. */
    private static final class Tls {
        private final SSLEngine engine;
        /**
         * The start of a record a read ended inside, kept for the next read (read mode); null
         * when a read ended on a record's end, as reads mostly do: an idle connection holds no
         * buffer, and whole records are decrypted from MINA's read buffer itself.
         */
        private ByteBuffer leftover;
        /** Writes that came before the handshake finished, sent in order once it has. */
        private final Queue<WriteRequest> waiting = new ArrayDeque<>();
        private volatile boolean secured;
        private boolean closed;
        private final EncryptedBuffers buffers;
        /** A native engine's: it reads and writes direct buffers only (DirectScratch, EncryptedBuffers). */
        private final boolean direct;

        Tls(SSLEngine engine) throws SSLException {
            this.engine = engine;
            this.direct = TlsImplementations.prefersDirectBuffers(engine);
            this.buffers = new EncryptedBuffers(direct);
            engine.beginHandshake();
        }

        /**
         * Takes the received bytes; returns what they decrypted to (null: nothing yet): into a
         * pooled buffer of the connection's payload while one streams in, else into a fresh one.
         */
        synchronized IoBuffer receive(NextFilter next, IoSession session, ByteBuffer received,
                                      PayloadReceiver payload) throws SSLException {
            ByteBuffer src = leftover == null ? received : (leftover = appended(leftover, received));
            if (direct && !src.isDirect()) {
                src = DirectScratch.copyOf(DirectScratch.RECEIVED, src);
            }
            try {
                int room = engine.getSession().getApplicationBufferSize();
                // BoringSSL's engine may decrypt the data that came with the handshake's last message
                // in the same call: kept here, it goes up first.
                ByteBuffer early = null;
                if (!secured) {
                    early = ByteBuffer.allocate(room);
                    if (!handshake(next, session, src, early)) {
                        return null;
                    }
                    early.flip();
                }
                int earlyBytes = early == null ? 0 : early.remaining();
                if (!src.hasRemaining() && earlyBytes == 0) {
                    return null;
                }
                int capacity = earlyBytes + src.remaining() + room;
                ByteBuffer target = payload == null ? null : payload.decryptTarget(capacity);
                ByteBuffer plain = target != null ? target
                        : direct ? DirectScratch.take(DirectScratch.DECRYPTED, capacity) : ByteBuffer.allocate(capacity);
                if (earlyBytes > 0) {
                    plain.put(early);
                }
                boolean stalled = false;
                while (src.hasRemaining()) {
                    SSLEngineResult result = engine.unwrap(src, plain);
                    if (result.getStatus() == Status.BUFFER_OVERFLOW) {
                        plain = grow(plain, room);
                        continue;
                    }
                    if (result.getStatus() == Status.BUFFER_UNDERFLOW) {
                        break;
                    }
                    if (result.getStatus() == Status.CLOSED) {
                        closeOutbound(next, session); // the client said close_notify: answer and go
                        session.closeOnFlush();
                        break;
                    }
                    HandshakeStatus status = result.getHandshakeStatus();
                    if (status == HandshakeStatus.NEED_WRAP) {
                        // A TLS 1.3 key update's answer; or BoringSSL's alert for a bad record, whose
                        // failure its next wrap throws (the JDK's engine throws at once).
                        sendHandshakeRecords(next, session);
                    } else if (status != HandshakeStatus.NOT_HANDSHAKING && status != HandshakeStatus.FINISHED) {
                        if (plain.remaining() < room) {
                            plain = grow(plain, room);
                        }
                        handshake(next, session, src, plain);
                    }
                    if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
                        if (stalled) {
                            break; // twice nothing moved: wait for more bytes
                        }
                        stalled = true;
                    } else {
                        stalled = false;
                    }
                }
                plain.flip();
                if (!plain.hasRemaining()) {
                    return null;
                }
                // The thread's scratch is not the message's to keep: a request's bytes, copied out.
                return IoBuffer.wrap(DirectScratch.isScratch(DirectScratch.DECRYPTED, plain)
                        ? ByteBuffer.allocate(plain.remaining()).put(plain).flip() : plain);
            } finally {
                keepUndecrypted(src);
            }
        }

        /**
         * Reads up to {@code max} bytes from {@code socket} into the thread's direct scratch, after the
         * record start kept from before, and decrypts them as {@link #receive} does.
         */
        synchronized Straight receiveStraight(NextFilter next, IoSession session, ReadableByteChannel socket, int max,
                                              PayloadReceiver payload) throws IOException {
            int kept = leftover == null ? 0 : leftover.remaining();
            ByteBuffer into = DirectScratch.take(DirectScratch.RECEIVED, kept + max);
            if (leftover != null) {
                into.put(leftover);
                leftover = null;
            }
            into.limit(kept + max);
            int read;
            try {
                read = socket.read(into);
            } catch (IOException e) {
                keepUndecrypted(into.flip()); // the record's start stays, as after any read
                throw e;
            }
            into.flip();
            if (read <= 0) {
                keepUndecrypted(into);
                return new Straight(read, null);
            }
            return new Straight(read, receive(next, session, into, payload));
        }

        /** What is left of {@code src} (a record's start) stays for the next read; nothing left, nothing kept. */
        private void keepUndecrypted(ByteBuffer src) {
            if (!src.hasRemaining()) {
                leftover = null;
            } else if (src != leftover) {
                // A record's room, so that a record arriving in many small reads is appended in
                // place, not copied again at each (at most one record: JSSE refuses a longer one).
                int capacity = Math.max(src.remaining(), engine.getSession().getPacketBufferSize());
                leftover = ByteBuffer.allocate(capacity).put(src).flip();
            }
        }

        /** Encrypts a write whole into one buffer and passes it on (or keeps it until the handshake is done). */
        synchronized void write(NextFilter next, IoSession session, WriteRequest request) throws SSLException {
            if (!secured || !waiting.isEmpty()) {
                waiting.add(request);
                if (secured) {
                    flushWaiting(next, session);
                }
                return;
            }
            ByteBuffer plain = ((IoBuffer) request.getMessage()).buf();
            int records = plain.remaining() / RECORD + 1;
            ByteBuffer net = buffers.take(plain.remaining() + records * RECORD_OVERHEAD
                    + engine.getSession().getPacketBufferSize());
            while (plain.hasRemaining()) {
                SSLEngineResult result = engine.wrap(plain, net);
                if (result.getStatus() == Status.BUFFER_OVERFLOW) {
                    net = grow(net, engine.getSession().getPacketBufferSize());
                } else if (result.getStatus() == Status.CLOSED) {
                    buffers.sent(net);
                    request.getFuture().setException(new SSLException("the TLS connection is closed"));
                    return;
                }
            }
            net.flip();
            next.filterWrite(session, new Encrypted(net, request));
        }

        /** Says close_notify (best effort: a connection may be closing because it broke). */
        synchronized void closeOutbound(NextFilter next, IoSession session) {
            if (closed) {
                return;
            }
            closed = true;
            engine.closeOutbound();
            try {
                sendHandshakeRecords(next, session);
            } catch (SSLException e) {
                LOG.debug("no close_notify for {}: {}", session.getRemoteAddress(), e.toString());
            }
        }

        /** The connection is gone: closed both ways, a native engine frees its state now, not when collected. */
        synchronized void release() {
            engine.closeOutbound();
            try {
                engine.closeInbound();
            } catch (SSLException e) {
                // no close_notify came: the JDK's engine says so; there is nobody left to tell
            }
        }

        /** A write's records have left: their buffer may carry the next write's. */
        synchronized void sent(ByteBuffer records) {
            buffers.sent(records);
        }

        /** After a sent write's writer was told: no buffer is kept with nothing in flight. */
        synchronized void settle() {
            buffers.settle();
        }

        /** A bad record or a refused handshake: the engine's alert goes out, then the connection closes. */
        synchronized void fail(NextFilter next, IoSession session, SSLException e) {
            LOG.debug("TLS with {} failed: {}", session.getRemoteAddress(), e.toString());
            closed = true;
            try {
                sendHandshakeRecords(next, session);
            } catch (SSLException ignored) {
                // nothing more to say
            }
            for (WriteRequest request; (request = waiting.poll()) != null; ) {
                request.getFuture().setException(e);
            }
            session.closeOnFlush();
        }

        /**
         * Moves the handshake on with what was received ({@code src}, read mode); true once it is done.
         * {@code plain} (room for a record) takes any application data decrypted on the way.
         */
        private boolean handshake(NextFilter next, IoSession session, ByteBuffer src, ByteBuffer plain) throws SSLException {
            while (true) {
                switch (engine.getHandshakeStatus()) {
                    case NEED_TASK -> runTasks();
                    case NEED_WRAP -> sendHandshakeRecords(next, session);
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        SSLEngineResult result = engine.unwrap(src, plain);
                        if (result.getStatus() == Status.CLOSED) {
                            session.closeOnFlush();
                            return false;
                        }
                        if (result.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                            // BoringSSL's engine may then report NOT_HANDSHAKING with an alert to send
                            // (a bad record right after the client's Finished): sent (and thrown) now.
                            sendHandshakeRecords(next, session);
                        }
                        if (result.getStatus() == Status.BUFFER_UNDERFLOW
                                || result.bytesConsumed() == 0 && result.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP) {
                            return false; // wait for more bytes
                        }
                    }
                    default -> {
                        if (!secured) {
                            secured = true;
                            flushWaiting(next, session);
                        }
                        return true;
                    }
                }
            }
        }

        private void flushWaiting(NextFilter next, IoSession session) throws SSLException {
            Queue<WriteRequest> queued = new ArrayDeque<>(waiting);
            waiting.clear();
            for (WriteRequest request : queued) {
                write(next, session, request);
            }
        }

        /** Wraps what the engine has to say by itself (handshake messages, alerts, close_notify) and sends it. */
        private void sendHandshakeRecords(NextFilter next, IoSession session) throws SSLException {
            ByteBuffer none = ByteBuffer.allocate(0);
            ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            // BoringSSL's engine hands out a failure's alert first and throws at the next wrap: the
            // alert still goes out, then the failure is told.
            SSLException failure = null;
            try {
                while (true) {
                    SSLEngineResult result = engine.wrap(none, net);
                    if (result.getStatus() == Status.BUFFER_OVERFLOW) {
                        net = grow(net, engine.getSession().getPacketBufferSize());
                        continue;
                    }
                    if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                        runTasks();
                    }
                    // Until nothing more comes (BoringSSL's handshake status may say NOT_HANDSHAKING with
                    // more to say, and the wrap after its alert throws the failure).
                    if (result.bytesProduced() == 0 || result.getStatus() == Status.CLOSED) {
                        break;
                    }
                }
            } catch (SSLException e) {
                failure = e;
            }
            net.flip();
            if (net.hasRemaining()) {
                next.filterWrite(session, new Encrypted(net, null));
            }
            if (failure != null) {
                throw failure;
            }
        }

        /** {@code kept} (read mode) with {@code received} after it, in place when it has the room. */
        private static ByteBuffer appended(ByteBuffer kept, ByteBuffer received) {
            ByteBuffer into = kept.compact();
            if (into.remaining() < received.remaining()) {
                into = grow(into, received.remaining());
            }
            return into.put(received).flip();
        }

        private void runTasks() {
            for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                task.run();
            }
        }

        /** A larger buffer of the same kind (heap or direct) with {@code buffer}'s bytes (write mode) in it. */
        private static ByteBuffer grow(ByteBuffer buffer, int more) {
            int capacity = buffer.capacity() + more;
            ByteBuffer bigger = buffer.isDirect() ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
            buffer.flip();
            return bigger.put(buffer);
        }
    }
}
