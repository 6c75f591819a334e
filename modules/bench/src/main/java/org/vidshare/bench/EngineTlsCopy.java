package org.vidshare.bench;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS copies through {@code SSLEngine}s, beside {@link PlainTls}'s {@code SSLSocket}s: two blocking
 * {@code SocketChannel}s over loopback, file → 1 MiB direct buffer → as many records as it holds →
 * one write, and back the same way into the file (the records in heap buffers for the JDK, direct
 * ones for BoringSSL: each one's faster kind). With the JDK's engines this is what JSSE itself
 * can do when records are batched; with BoringSSL's (netty-tcnative) what native crypto adds. The
 * server's key, the protocol (and with the JDK the suite) its TLS connections negotiated; BoringSSL
 * picks the TLS 1.3 suite itself.
 */
final class EngineTlsCopy {
    private static final int CHUNK = 1 << 20;
    /** Room for a chunk's records: 16 KiB of plaintext each, at most 256 bytes of overhead each. */
    private static final int NET_BUFFER = CHUNK + (CHUNK / (16 << 10) + 1) * 256;
    private static final int RECORD_ROOM = 17 << 10;

    private final Supplier<SSLEngine> server;
    private final Supplier<SSLEngine> client;
    /**
     * Records in heap buffers (plaintext stays direct): the JDK's AES-GCM runs about a third faster
     * from and into a heap buffer than a direct one (17.0.15 here, 2.8 against 2.1 GB/s per core
     * each way); BoringSSL's engine wants direct ones.
     */
    private final boolean heapRecords;

    private EngineTlsCopy(Supplier<SSLEngine> server, Supplier<SSLEngine> client, boolean heapRecords) {
        this.server = server;
        this.client = client;
        this.heapRecords = heapRecords;
    }

    /** The JDK's engines, with the contexts, protocol and suite of {@code plainTls}. */
    static EngineTlsCopy jdk(PlainTls plainTls) {
        return new EngineTlsCopy(plainTls::serverEngine, plainTls::clientEngine, true);
    }

    /** BoringSSL's engines; empty (the reason printed) when the native library is not there, e.g. without its module. */
    static Optional<EngineTlsCopy> boringSsl(Path serverDataDir, String protocol) throws IOException {
        if (!OpenSsl.isAvailable()) {
            System.out.println("BoringSSL TLS copy left out: " + OpenSsl.unavailabilityCause()
                    + " (run with --add-modules io.netty.internal.tcnative.openssl.linux.x86_64)");
            return Optional.empty();
        }
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(PlainTls.serverKeys(serverDataDir));
            SslContext server = SslContextBuilder.forServer(PlainTls.serverKeyManagers(serverDataDir))
                    .sslProvider(SslProvider.OPENSSL).protocols(protocol).build();
            // The server's certificate names no host (its clients trust it by fingerprint), so it is
            // trusted as itself, with no host name check (netty 4.2 checks by default).
            SslContext client = SslContextBuilder.forClient().trustManager(trust).endpointIdentificationAlgorithm(null)
                    .sslProvider(SslProvider.OPENSSL).protocols(protocol).build();
            return Optional.of(new EngineTlsCopy(() -> server.newEngine(ByteBufAllocator.DEFAULT),
                    () -> client.newEngine(ByteBufAllocator.DEFAULT, "localhost", 1), false));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the server's key: " + e.getMessage(), e);
        }
    }

    /** The protocol and suite of one handshake (and BoringSSL's version when it is the library). */
    String describe(Path anyFile) throws Exception {
        String[] negotiated = new String[1];
        run(anyFile, null, 0, negotiated);
        return negotiated[0];
    }

    /** Seconds from the receiver's handshake's end to the last byte written to {@code target}. */
    double copy(Path source, Path target, long size) throws Exception {
        return run(source, target, size, new String[1]);
    }

    private double run(Path source, Path target, long size, String[] negotiated) throws Exception {
        ExecutorService senderThread = Executors.newSingleThreadExecutor();
        try (ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1)) {
            Future<?> sent = senderThread.submit(() -> {
                try (SocketChannel peer = listener.accept(); FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
                    SSLEngine engine = server.get();
                    handshake(engine, peer);
                    send(engine, peer, in, size);
                }
                return null;
            });
            try (SocketChannel socket = SocketChannel.open(listener.getLocalAddress())) {
                socket.socket().setTcpNoDelay(true);
                SSLEngine engine = client.get();
                ByteBuffer netIn = handshake(engine, socket);
                negotiated[0] = engine.getSession().getProtocol() + " " + engine.getSession().getCipherSuite();
                long start = System.nanoTime();
                if (size > 0) {
                    try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING)) {
                        receive(engine, netIn, socket, out, size);
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                sent.get();
                return seconds;
            }
        } finally {
            senderThread.shutdownNow();
        }
    }

    private ByteBuffer records(int capacity) {
        return heapRecords ? ByteBuffer.allocate(capacity) : ByteBuffer.allocateDirect(capacity);
    }

    private void send(SSLEngine engine, SocketChannel socket, FileChannel in, long size)
            throws IOException {
        ByteBuffer plain = ByteBuffer.allocateDirect(CHUNK);
        ByteBuffer net = records(NET_BUFFER);
        for (long done = 0; done < size; ) {
            plain.clear().limit((int) Math.min(CHUNK, size - done));
            while (plain.hasRemaining() && in.read(plain, done + plain.position()) > 0) {
                // the whole chunk, then encrypt it
            }
            done += plain.flip().remaining();
            while (plain.hasRemaining()) {
                SSLEngineResult result = engine.wrap(plain, net);
                if (result.getStatus() == Status.BUFFER_OVERFLOW || (result.getStatus() == Status.OK && !plain.hasRemaining())) {
                    writeAll(net, socket);
                } else if (result.getStatus() != Status.OK) {
                    throw new IOException("wrap: " + result);
                }
            }
        }
    }

    private void receive(SSLEngine engine, ByteBuffer netIn, SocketChannel socket, FileChannel out, long size)
            throws IOException {
        ByteBuffer plain = ByteBuffer.allocateDirect(CHUNK + RECORD_ROOM);
        long done = 0;
        while (done < size) {
            netIn.flip();
            SSLEngineResult result;
            do { // every whole record received, then one compaction
                if (plain.remaining() < RECORD_ROOM) {
                    done += writeAt(plain, out, done);
                }
                result = engine.unwrap(netIn, plain);
                if (result.getStatus() == Status.BUFFER_OVERFLOW) {
                    if (plain.position() == 0) {
                        throw new IOException("unwrap wants more room than a chunk: " + result);
                    }
                    done += writeAt(plain, out, done);
                }
            } while (result.getStatus() != Status.BUFFER_UNDERFLOW && result.getStatus() != Status.CLOSED
                    && netIn.hasRemaining());
            netIn.compact();
            if (result.getStatus() == Status.CLOSED) {
                throw new EOFException("the native TLS copy was closed after " + done + " bytes");
            }
            if (done + plain.position() >= size) {
                done += writeAt(plain, out, done);
            } else if (socket.read(netIn) < 0) {
                throw new EOFException("the native TLS copy ended after " + done + " bytes");
            }
        }
    }

    private static int writeAt(ByteBuffer plain, FileChannel out, long position) throws IOException {
        plain.flip();
        int bytes = plain.remaining();
        while (plain.hasRemaining()) {
            out.write(plain, position + plain.position());
        }
        plain.clear();
        return bytes;
    }

    private static void writeAll(ByteBuffer net, SocketChannel socket) throws IOException {
        net.flip();
        while (net.hasRemaining()) {
            socket.write(net);
        }
        net.clear();
    }

    /**
     * Runs the handshake over a blocking channel; returns the receive buffer, which may already hold
     * the first application records.
     */
    private ByteBuffer handshake(SSLEngine engine, SocketChannel socket) throws IOException {
        ByteBuffer netIn = records(NET_BUFFER);
        ByteBuffer netOut = records(64 << 10);
        ByteBuffer none = ByteBuffer.allocate(0);
        ByteBuffer sink = ByteBuffer.allocate(64 << 10);
        engine.beginHandshake();
        while (true) {
            SSLEngineResult result;
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> {
                    for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                        task.run();
                    }
                    continue;
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    netIn.flip();
                    result = engine.unwrap(netIn, sink);
                    netIn.compact();
                    if (result.getHandshakeStatus() != HandshakeStatus.FINISHED
                            && (result.getStatus() == Status.BUFFER_UNDERFLOW || result.bytesConsumed() == 0)
                            && socket.read(netIn) < 0) {
                        throw new EOFException("the peer closed during the handshake");
                    }
                }
                default -> {
                    // NEED_WRAP, or done but with a last flight (BoringSSL reports this late)
                    result = engine.wrap(none, netOut);
                    writeAll(netOut, socket);
                    if (result.bytesProduced() == 0 && engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING) {
                        return netIn;
                    }
                }
            }
            if (result.getStatus() == Status.CLOSED) {
                throw new IOException("the handshake was refused: " + result);
            }
            if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                writeAll(netOut, socket);
                return netIn;
            }
        }
    }
}
