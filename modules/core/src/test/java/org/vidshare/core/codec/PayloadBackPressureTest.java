package org.vidshare.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.core.spi.IncomingPayload;
import org.vidshare.core.spi.PayloadSink;
import org.vidshare.core.spi.RequestPayload;

/**
 * A payload whose sink keeps the buffers it is lent (an upload's hasher that is behind) holds the
 * connection's reads back: the peer's bytes wait in the socket instead of being read into spare
 * buffers that the sink must take at once (and the hasher read back from the file), and reads go
 * on once the sink has given half of them back. Over real loopback TCP, through the codec the
 * server uses, with a payload larger than the socket buffers can hold.
 */
class PayloadBackPressureTest {
    private static final int PAYLOAD_BYTES = 48 << 20;
    /** Long enough for a receiver that does not hold back to read on (it would within a millisecond). */
    private static final long QUIET_MILLIS = 300;

    private final NioSocketAcceptor acceptor = new NioSocketAcceptor(1);
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final ReadHolds holds = new ReadHolds();
    /** The connection the payload came on, once its frame is in. */
    private final CompletableFuture<IoSession> session = new CompletableFuture<>();
    /** The payload's outcome. */
    private final CompletableFuture<Void> received = new CompletableFuture<>();

    @AfterEach
    void stop() {
        acceptor.dispose(true);
        workers.shutdownNow();
    }

    @Test
    void aSinkKeepingEveryLentBufferHoldsReadsBackUntilItGivesHalfBack() throws Exception {
        HoldingSink sink = new HoldingSink();
        int port = serve(sink);
        byte[] content = randomBytes(7);

        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> send(client, content), workers);

            awaitTrue(() -> sink.keptChunks() == PayloadReceiver.MAX_LENT, "the sink was lent its buffers");
            long takenWhenFull = sink.bytesTaken();
            Thread.sleep(QUIET_MILLIS);
            assertThat(sink.bytesTaken()).as("bytes read while the sink kept every lent buffer").isEqualTo(takenWhenFull);
            assertThat(sink.keptChunks()).isEqualTo(PayloadReceiver.MAX_LENT);
            assertThat(session.get().isReadSuspended()).isTrue();
            assertThat(sent).as("the sender waits on TCP, its bytes not read").isNotDone();

            sink.release(PayloadReceiver.MAX_LENT / 2 - 1); // one short of half: still held back
            Thread.sleep(QUIET_MILLIS);
            assertThat(sink.bytesTaken()).as("bytes read before half was given back").isEqualTo(takenWhenFull);

            sink.release(1);
            awaitTrue(() -> sink.bytesTaken() > takenWhenFull, "reads resumed once half was given back");

            sink.releaseEverythingFromNowOn();
            sent.get(30, TimeUnit.SECONDS);
            received.get(30, TimeUnit.SECONDS);
        }
        assertThat(sink.bytesTaken()).isEqualTo(PAYLOAD_BYTES);
        assertThat(sink.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        assertThat(sink.heldCount()).isZero();
        // Held through both quiet periods, and counted for the server's metrics.
        assertThat(holds.secondsForLentBuffers()).isGreaterThanOrEqualTo(2 * QUIET_MILLIS / 1000.0);
        assertThat(holds.secondsPausedBySink()).isZero();
    }

    /**
     * A sink that pauses the payload (its disk is behind) holds reads back until it resumes, also
     * once it has given back every buffer it was lent: here it pauses as it is lent the last buffer
     * it may keep, so that both holds are on; they end apart, and only the last to end resumes the
     * reads.
     */
    @Test
    void aSinkThatPausesThePayloadHoldsReadsBackUntilItResumesWhateverItGivesBack() throws Exception {
        HoldingSink sink = new HoldingSink();
        sink.pauseAtLentChunk(PayloadReceiver.MAX_LENT);
        int port = serve(sink);
        byte[] content = randomBytes(11);

        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> send(client, content), workers);
            // Paused as it was lent the last buffer it may keep: both holds are on.
            awaitTrue(() -> sink.pauses() == 1, "the sink paused the payload");
            assertThat(sink.keptChunks()).isEqualTo(PayloadReceiver.MAX_LENT);
            pausedUntilResumed(sink, sent, content, session.get(20, TimeUnit.SECONDS), received);
        }
        // Paused through both quiet periods; held for the kept buffers through the first.
        assertThat(holds.secondsPausedBySink()).isGreaterThanOrEqualTo(2 * QUIET_MILLIS / 1000.0);
        assertThat(holds.secondsForLentBuffers()).isGreaterThanOrEqualTo(QUIET_MILLIS / 1000.0);
    }

    /**
     * Over TLS (the JDK's engine on MINA's reads, each read's records decrypted into a pooled buffer
     * and lent): the sink's pause holds the reads back the same way, and resume reads on.
     */
    @Test
    void overTlsASinkThatPausesThePayloadHoldsReadsBackUntilItResumes(@TempDir Path dir) throws Exception {
        SSLContext tls = selfSignedContext(dir);
        acceptor.getFilterChain().addFirst("tls", new TlsFilter(() -> {
            SSLEngine engine = tls.createSSLEngine();
            engine.setUseClientMode(false);
            return engine;
        }));
        HoldingSink sink = new HoldingSink();
        sink.pauseAtLentChunk(1);
        int port = serve(sink);
        byte[] content = randomBytes(13);

        try (SSLSocket client = (SSLSocket) tls.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port)) {
            client.startHandshake();
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> send(client, content), workers);
            pausedUntilResumed(sink, sent, content, session.get(20, TimeUnit.SECONDS), received);
        }
        assertThat(holds.secondsPausedBySink()).isGreaterThanOrEqualTo(2 * QUIET_MILLIS / 1000.0);
        assertThat(holds.secondsForLentBuffers()).as("over TLS reads are not held for lent buffers").isZero();
    }

    /**
     * While {@code content} is {@code sent} to the sink, which pauses the payload: checks that nothing
     * more is read while paused, also once every lent buffer is given back, then resumes and checks
     * every byte.
     */
    private static void pausedUntilResumed(HoldingSink sink, CompletableFuture<Void> sent, byte[] content,
                                           IoSession session, CompletableFuture<Void> received) throws Exception {
        awaitTrue(() -> sink.pauses() == 1, "the sink paused the payload");
        long takenWhenPaused = sink.bytesTaken();
        int keptWhenPaused = sink.keptChunks();
        Thread.sleep(QUIET_MILLIS);
        assertThat(sink.bytesTaken()).as("bytes read while paused").isEqualTo(takenWhenPaused);
        assertThat(session.isReadSuspended()).isTrue();

        sink.release(Integer.MAX_VALUE); // every lent buffer back: the pause still holds
        Thread.sleep(QUIET_MILLIS);
        assertThat(sink.bytesTaken()).as("bytes read while paused, every buffer given back").isEqualTo(takenWhenPaused);
        assertThat(sink.keptChunks()).as("chunks lent while paused").isEqualTo(keptWhenPaused);
        assertThat(sent).as("the sender waits on TCP, its bytes not read").isNotDone();

        sink.releaseEverythingFromNowOn();
        sink.payload().resume();
        sent.get(30, TimeUnit.SECONDS);
        received.get(30, TimeUnit.SECONDS);
        assertThat(sink.bytesTaken()).isEqualTo(content.length);
        assertThat(sink.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        assertThat(sink.pauses()).isEqualTo(1);
    }

    /**
     * Binds the codec on loopback; every frame's payload goes to {@code sink}, its connection and
     * outcome to {@link #session} and {@link #received}.
     */
    private int serve(PayloadSink sink) throws Exception {
        RequestPayload sized = RequestPayload.sizedBy("size");
        PayloadRules rules = (s, type) -> "put".equals(type) ? sized : RequestPayload.NONE;
        acceptor.getFilterChain().addLast("codec", new ProtocolCodecFilter(
                new FrameCodecFactory(64 << 10, 1L << 30, rules, workers, new PayloadBuffers(16 << 20), holds)));
        acceptor.setHandler(new IoHandlerAdapter() {
            @Override
            public void messageReceived(IoSession io, Object message) {
                if (message instanceof Inbound.Frame frame && frame.payload().length() > 0) {
                    session.complete(io);
                    if (sink instanceof HoldingSink holding) {
                        holding.payload = frame.payload();
                    }
                    frame.payload().receiveInto(sink).whenComplete((ok, failure) -> {
                        if (failure != null) {
                            received.completeExceptionally(failure);
                        } else {
                            received.complete(null);
                        }
                    });
                }
            }
        });
        acceptor.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return acceptor.getLocalAddress().getPort();
    }

    private static byte[] randomBytes(long seed) {
        byte[] content = new byte[PAYLOAD_BYTES];
        new Random(seed).nextBytes(content);
        return content;
    }

    /** A TLS context on a self-signed key made by the JDK's keytool; its client trusts that key. */
    private static SSLContext selfSignedContext(Path dir) throws Exception {
        Path store = dir.resolve("key.p12");
        char[] password = "test-only".toCharArray();
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "test", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(password), "-keypass", new String(password))
                .redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertThat(keytool.waitFor()).as("keytool's exit status").isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            keys.load(in, password);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static void send(Socket client, byte[] content) {
        try {
            byte[] json = ("{\"type\":\"put\",\"size\":" + content.length + "}").getBytes(StandardCharsets.UTF_8);
            OutputStream out = client.getOutputStream();
            out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(json.length).array());
            out.write(json);
            for (int at = 0; at < content.length; at += 1 << 20) {
                out.write(content, at, Math.min(1 << 20, content.length - at));
            }
            out.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(2);
        }
    }

    /**
     * Hashes every byte it is given, in order, and keeps each lent chunk's release until the test
     * gives it back (as an upload's hasher that is behind would), or at once once told to.
     */
    private static final class HoldingSink implements PayloadSink {
        private final MessageDigest sha256;
        private final List<Runnable> held = new ArrayList<>();
        private long taken;
        private int kept;
        private boolean releaseAtOnce;
        /** The payload this sink is given (set before it is). */
        private volatile IncomingPayload payload;
        private int pauseAtLentChunk;
        private int pauses;

        HoldingSink() throws Exception {
            sha256 = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public synchronized void write(ByteBuffer chunk) {
            taken += chunk.remaining();
            sha256.update(chunk);
            if (pauseAtLentChunk > 0 && kept >= pauseAtLentChunk && pauses == 0) {
                pauses++;
                payload.pause(); // on the network thread, inside the write, as an upload's writer does
            }
        }

        /** Pauses the payload when it is lent its {@code count}th chunk. */
        synchronized void pauseAtLentChunk(int count) {
            pauseAtLentChunk = count;
        }

        synchronized int pauses() {
            return pauses;
        }

        IncomingPayload payload() {
            return payload;
        }

        @Override
        public void write(ByteBuffer chunk, Runnable release) {
            boolean now;
            synchronized (this) {
                kept++;
                write(chunk);
                held.add(release);
                now = releaseAtOnce;
            }
            if (now) {
                release(Integer.MAX_VALUE);
            }
        }

        /** Gives back the oldest {@code count} chunks kept (on the test's thread, as a hasher would on its own). */
        void release(int count) {
            List<Runnable> out = new ArrayList<>();
            synchronized (this) {
                while (!held.isEmpty() && out.size() < count) {
                    out.add(held.remove(0));
                }
            }
            out.forEach(Runnable::run);
        }

        void releaseEverythingFromNowOn() {
            synchronized (this) {
                releaseAtOnce = true;
            }
            release(Integer.MAX_VALUE);
        }

        synchronized long bytesTaken() {
            return taken;
        }

        synchronized int keptChunks() {
            return kept;
        }

        synchronized int heldCount() {
            return held.size();
        }

        synchronized String sha256() {
            return HexFormat.of().formatHex(sha256.digest());
        }
    }
}
