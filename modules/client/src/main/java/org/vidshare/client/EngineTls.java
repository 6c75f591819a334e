package org.vidshare.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import org.vidshare.core.tls.CipherOrder;
import org.vidshare.core.tls.TlsImplementations;

/**
 * TLS through the JDK's {@code SSLEngine} over a plain socket's streams, in place of an
 * {@code SSLSocket}: records are batched both ways. A write encrypts all it is given into one
 * buffer and makes one socket write (an SSLSocket writes each 16 KiB record on its own); a read takes
 * all the socket has (up to 256 KiB) and decrypts every whole record in it, straight into the
 * caller's array when that has room for a record (an SSLSocket reads each record in two small
 * reads and copies it once more). The plain socket keeps its read timeout.
 *
 * <p>The JDK's engine works on heap buffers (its AES-GCM is faster on arrays). A native one
 * (BoringSSL) gets direct ones only, since it would copy a heap buffer into a fresh direct one at
 * every call: its records move between direct buffers and the socket's channel (ChannelWire, which
 * keeps the read timeout), and a caller's heap plaintext goes through a direct staging buffer.
 */
final class EngineTls {
    /** A TLS record's most plaintext. */
    private static final int RECORD = 16 << 10;
    /** Received bytes held at once; also a write's batch of records. */
    private static final int BATCH = 256 << 10;
    /** Room for a record's header, padding and tag beyond its plaintext (RFC 8446 5.2 allows 256). */
    private static final int RECORD_OVERHEAD = 256;
    private static final int NET_BYTES = BATCH + (BATCH / RECORD + 1) * RECORD_OVERHEAD;

    private final SSLEngine engine;
    private final Socket socket;
    private final InputStream rawIn;
    private final OutputStream rawOut;
    /** Direct buffers for the engine (a native one), else heap ones. */
    private final boolean direct;
    /** Received, not yet decrypted; in write mode (bytes 0..position) between calls. */
    private final ByteBuffer netIn;
    /** Decrypted, not yet read; in write mode between calls. Room for a record and then some. */
    private final ByteBuffer plainIn;
    private final ByteBuffer netOut;
    /** Direct buffers only: the socket's channel, in place of its streams. */
    private final ChannelWire wire;
    /** Direct buffers only: a caller's heap plaintext on its way to the engine; null until the first write. */
    private ByteBuffer plainOut;
    private final Object readLock = new Object();
    private final ReentrantLock writeLock = new ReentrantLock();
    private boolean inboundClosed;

    private final InputStream input = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            return EngineTls.this.read(bytes, offset, length);
        }

        @Override
        public int available() {
            synchronized (readLock) {
                return plainIn.position();
            }
        }
    };

    private final OutputStream output = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            EngineTls.this.write(bytes, offset, length);
        }
    };

    private EngineTls(SSLEngine engine, Socket socket) throws IOException {
        this.engine = engine;
        this.socket = socket;
        this.direct = TlsImplementations.prefersDirectBuffers(engine);
        this.rawIn = direct ? null : socket.getInputStream();
        this.rawOut = direct ? null : socket.getOutputStream();
        this.netIn = allocate(NET_BYTES);
        this.plainIn = allocate(2 * RECORD);
        this.netOut = allocate(NET_BYTES);
        this.wire = direct ? new ChannelWire(socket) : null;
    }

    private ByteBuffer allocate(int capacity) {
        return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    }

    /** Runs the client handshake over {@code socket} (its read timeout applies) and returns the connection. */
    static EngineTls handshake(SSLEngine engine, Socket socket) throws IOException {
        EngineTls tls = new EngineTls(engine, socket);
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(ClientTls.PROTOCOLS);
        engine.setEnabledCipherSuites(CipherOrder.aes128GcmFirst(engine.getEnabledCipherSuites()));
        engine.beginHandshake();
        tls.completeHandshake();
        return tls;
    }

    InputStream input() {
        return input;
    }

    OutputStream output() {
        return output;
    }

    SSLSession session() {
        return engine.getSession();
    }

    /** Whether the engine wants direct buffers (a native one): {@link #write(ByteBuffer)} takes them without a copy. */
    boolean direct() {
        return direct;
    }

    /** Encrypts and sends all of {@code plain} (read mode), which a native engine takes best direct. */
    void write(ByteBuffer plain) throws IOException {
        writeLock.lock();
        try {
            send(plain);
        } finally {
            writeLock.unlock();
        }
    }

    /** Says close_notify when no write is under way (a cancel from another thread must not wait), then closes the socket. */
    void close() throws IOException {
        try {
            if (writeLock.tryLock()) {
                try {
                    engine.closeOutbound();
                    wrapAndSend(ByteBuffer.allocate(0));
                } catch (IOException ignored) {
                    // the socket may be gone already; closing it is what matters
                } finally {
                    writeLock.unlock();
                }
            }
        } finally {
            if (wire != null) {
                wire.close();
            } else {
                socket.close();
            }
        }
    }

    private void completeHandshake() throws IOException {
        ByteBuffer none = ByteBuffer.allocate(0);
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> {
                    if (wrapAndSend(none).getHandshakeStatus() == HandshakeStatus.FINISHED) {
                        sendPending();
                        return;
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    netIn.flip();
                    SSLEngineResult result = engine.unwrap(netIn, plainIn);
                    netIn.compact();
                    if (result.getStatus() == Status.CLOSED) {
                        throw new SSLException("the server closed the TLS handshake");
                    }
                    if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                        sendPending();
                        return;
                    }
                    if (result.getStatus() == Status.BUFFER_UNDERFLOW || result.bytesConsumed() == 0) {
                        receive("the handshake");
                    }
                }
                default -> {
                    sendPending();
                    return;
                }
            }
        }
    }

    /** Sends what the engine still holds to send (a last handshake flight, a key update's answer). */
    private void sendPending() throws IOException {
        ByteBuffer none = ByteBuffer.allocate(0);
        while (wrapAndSend(none).bytesProduced() > 0) {
            // until the engine has nothing more
        }
    }

    /** Decrypted bytes into {@code dst} (at least one unless at the end: -1); straight from the records when it has room for one. */
    int read(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        synchronized (readLock) {
            while (true) {
                if (plainIn.position() > 0) {
                    plainIn.flip();
                    int n = Math.min(dst.remaining(), plainIn.remaining());
                    dst.put(plainIn.slice().limit(n));
                    plainIn.position(plainIn.position() + n).compact();
                    return n;
                }
                int produced = inboundClosed ? 0 : decrypt(dst);
                if (produced > 0) {
                    return produced;
                }
                if (plainIn.position() > 0) {
                    continue;
                }
                // Nothing decrypted: every whole record held is taken, what is left ends inside one.
                if (inboundClosed || !receive(null)) {
                    return -1;
                }
            }
        }
    }

    private int read(byte[] bytes, int offset, int length) throws IOException {
        return read(ByteBuffer.wrap(bytes, offset, length));
    }

    /**
     * Decrypts every whole record held: into {@code caller} while it has room for a record, else (a
     * small read, or the buffer's rest) one record into {@link #plainIn}. Returns the bytes put
     * into {@code caller}.
     */
    private int decrypt(ByteBuffer caller) throws IOException {
        int room = engine.getSession().getApplicationBufferSize();
        int start = caller.position();
        // A native engine decrypts into direct buffers only (else into a fresh one, and copies).
        boolean callerHasRoom = caller.remaining() >= room && (caller.isDirect() || !direct);
        netIn.flip();
        try {
            while (netIn.hasRemaining()) {
                boolean toCaller = callerHasRoom && caller.remaining() >= room;
                if (!toCaller && (plainIn.position() > 0 || caller.position() > start)) {
                    break; // enough for this read; the rest stays encrypted until the next
                }
                SSLEngineResult result = engine.unwrap(netIn, toCaller ? caller : plainIn);
                if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    runTasks();
                }
                if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                    sendPending();
                }
                if (result.getStatus() == Status.CLOSED) {
                    inboundClosed = true;
                    break;
                }
                if (result.getStatus() == Status.BUFFER_UNDERFLOW) {
                    break;
                }
                if (result.getStatus() == Status.BUFFER_OVERFLOW) {
                    if (!toCaller) {
                        throw new SSLException("a TLS record larger than the protocol allows");
                    }
                    callerHasRoom = false;
                }
            }
            return caller.position() - start;
        } finally {
            netIn.compact();
        }
    }

    /** Reads what the socket has into {@link #netIn}; false at its end (during {@code what}: an error). */
    private boolean receive(String what) throws IOException {
        if (!netIn.hasRemaining()) {
            throw new SSLException("a TLS record larger than the protocol allows");
        }
        int n = direct ? wire.read(netIn)
                : rawIn.read(netIn.array(), netIn.arrayOffset() + netIn.position(), netIn.remaining());
        if (n < 0) {
            if (what != null) {
                throw new EOFException("the server closed the connection during " + what);
            }
            return false;
        }
        if (!direct) {
            netIn.position(netIn.position() + n);
        }
        return true;
    }

    private void write(byte[] bytes, int offset, int length) throws IOException {
        writeLock.lock();
        try {
            if (!direct) {
                send(ByteBuffer.wrap(bytes, offset, length));
                return;
            }
            if (plainOut == null) {
                plainOut = ByteBuffer.allocateDirect(BATCH);
            }
            for (int done = 0; done < length; ) {
                int n = Math.min(length - done, plainOut.capacity());
                plainOut.clear();
                plainOut.put(bytes, offset + done, n).flip();
                send(plainOut);
                done += n;
            }
        } finally {
            writeLock.unlock();
        }
    }

    private void send(ByteBuffer plain) throws IOException {
        while (plain.hasRemaining()) {
            if (wrapAndSend(plain).getStatus() == Status.CLOSED) {
                throw new SocketException("the TLS connection is closed");
            }
        }
    }

    /** Encrypts as much of {@code plain} as {@link #netOut} holds and writes it in one socket write. */
    private SSLEngineResult wrapAndSend(ByteBuffer plain) throws IOException {
        writeLock.lock();
        try {
            SSLEngineResult result;
            do {
                result = engine.wrap(plain, netOut);
                if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    runTasks();
                }
            } while (result.getStatus() == Status.OK && plain.hasRemaining()
                    && netOut.remaining() >= engine.getSession().getPacketBufferSize());
            if (result.getStatus() == Status.BUFFER_OVERFLOW && netOut.position() == 0) {
                throw new SSLException("cannot encrypt: " + result);
            }
            if (netOut.position() > 0) {
                if (direct) {
                    wire.write(netOut.flip());
                } else {
                    rawOut.write(netOut.array(), netOut.arrayOffset(), netOut.position());
                }
                netOut.clear();
            }
            return result;
        } finally {
            writeLock.unlock();
        }
    }

    private void runTasks() {
        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
            task.run();
        }
    }
}
