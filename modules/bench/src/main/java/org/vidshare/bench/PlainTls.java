package org.vidshare.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * The TLS baseline: the JDK's own TLS (JSSE) moving the file over loopback with nothing else to do,
 * file → {@code SSLSocket} → {@code SSLSocket} → file, 256 KiB writes and reads, with the VidShare
 * server's key and the very protocol and suite its TLS connections negotiated. What a TLS transfer
 * of the server can reach at best is this copy, not a plain one: encryption and decryption each
 * hold one core.
 */
final class PlainTls {
    private static final int CHUNK = 256 << 10;

    private final SSLContext server;
    private final SSLContext client;
    private final String protocol;
    private final String suite;

    private PlainTls(SSLContext server, SSLContext client, String protocol, String suite) {
        this.server = server;
        this.client = client;
        this.protocol = protocol;
        this.suite = suite;
    }

    /**
     * The server's self-signed key from its data directory ({@code tls/server.p12}, password beside
     * it), a client context that trusts it, and what {@code negotiated} (a VidShare TLS session) used.
     */
    static PlainTls like(Path serverDataDir, SSLContext client, SSLSession negotiated) throws IOException {
        try {
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(serverKeyManagers(serverDataDir).getKeyManagers(), null, null);
            return new PlainTls(server, client, negotiated.getProtocol(), negotiated.getCipherSuite());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the server's key: " + e.getMessage(), e);
        }
    }

    /** The server's self-signed key from its data directory: {@code tls/server.p12}, its password beside it. */
    static KeyStore serverKeys(Path serverDataDir) throws IOException, GeneralSecurityException {
        Path dir = serverDataDir.resolve("tls");
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, serverKeyPassword(serverDataDir));
            return keys;
        }
    }

    static KeyManagerFactory serverKeyManagers(Path serverDataDir) throws IOException, GeneralSecurityException {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(serverKeys(serverDataDir), serverKeyPassword(serverDataDir));
        return factory;
    }

    private static char[] serverKeyPassword(Path serverDataDir) throws IOException {
        Path file = serverDataDir.resolve("tls").resolve("server.pass");
        return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
    }

    /** A server engine of this copy's context, protocol and suite (for {@link EngineTlsCopy}). */
    SSLEngine serverEngine() {
        SSLEngine engine = server.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setEnabledProtocols(new String[] {protocol});
        engine.setEnabledCipherSuites(new String[] {suite});
        return engine;
    }

    SSLEngine clientEngine() {
        SSLEngine engine = client.createSSLEngine("127.0.0.1", 1);
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[] {protocol});
        engine.setEnabledCipherSuites(new String[] {suite});
        return engine;
    }

    String describe() {
        return protocol + " " + suite;
    }

    /** Seconds from the handshake's end to the last byte written to {@code target}. */
    double copy(Path source, Path target, long size) throws Exception {
        ExecutorService senderThread = Executors.newSingleThreadExecutor();
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setEnabledProtocols(new String[] {protocol});
            listener.setEnabledCipherSuites(new String[] {suite});
            Future<?> sent = senderThread.submit(() -> {
                try (SSLSocket peer = (SSLSocket) listener.accept();
                     FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
                    send(in, peer.getOutputStream(), size);
                }
                return null;
            });
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                 FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                         StandardOpenOption.TRUNCATE_EXISTING)) {
                socket.setTcpNoDelay(true);
                socket.setEnabledProtocols(new String[] {protocol});
                socket.setEnabledCipherSuites(new String[] {suite});
                socket.startHandshake();
                long start = System.nanoTime();
                receive(socket.getInputStream(), out, size);
                double seconds = (System.nanoTime() - start) / 1e9;
                sent.get();
                return seconds;
            }
        } finally {
            senderThread.shutdownNow();
        }
    }

    private static void send(FileChannel in, OutputStream out, long size) throws IOException {
        byte[] array = new byte[CHUNK];
        ByteBuffer buffer = ByteBuffer.wrap(array);
        for (long done = 0; done < size; ) {
            buffer.clear().limit((int) Math.min(CHUNK, size - done));
            int read = in.read(buffer, done);
            out.write(array, 0, read);
            done += read;
        }
        out.flush();
    }

    private static void receive(InputStream in, FileChannel out, long size) throws IOException {
        byte[] array = new byte[CHUNK];
        for (long done = 0; done < size; ) {
            int read = in.read(array, 0, (int) Math.min(CHUNK, size - done));
            if (read < 0) {
                throw new IOException("the TLS copy ended after " + done + " bytes");
            }
            ByteBuffer buffer = ByteBuffer.wrap(array, 0, read);
            while (buffer.hasRemaining()) {
                out.write(buffer, done + buffer.position());
            }
            done += read;
        }
    }
}
