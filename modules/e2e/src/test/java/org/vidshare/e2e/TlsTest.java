package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.ClientTls;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.protocol.Frames;
import org.vidshare.core.tls.TlsImplementations;

/**
 * The optional TLS listener: a self-signed key made on first start, trust on first use, TLS 1.2/1.3
 * only. Here the server and the client library both on BoringSSL (as the release runs wherever it
 * can); {@link JdkTlsTest} runs every test again with both on the JDK's TLS.
 */
@ServerSettings({"tls.port=0", "tls.implementation=boringssl"})
class TlsTest extends OneServerPerClass {
    static int tlsPort;

    /** The client library's TLS implementation in these tests (the server's is the class's setting). */
    String clientTls() {
        return "boringssl";
    }

    /** The other one, which must work with this server as well. */
    String otherClientTls() {
        return "jdk";
    }

    SSLContext tofu(Path known, ClientTls.FirstUse firstUse) throws IOException {
        return ClientTls.trustOnFirstUse("127.0.0.1", tlsPort, known, firstUse, clientTls());
    }

    @BeforeAll
    static void start() throws IOException {
        try (VidShareClient plain = server.raw()) {
            ClientReply hello = plain.hello("en");
            tlsPort = (int) hello.number("tls_port");
        }
    }

    @Test
    void helloOnThePlainPortAnnouncesTheTlsPortAndTheKeyIsKeptInTheDataDirectory() throws IOException {
        assertThat(tlsPort).isPositive().isNotEqualTo(server.port());
        assertThat(server.dataDir().resolve("tls").resolve("server.p12")).exists();
        // Only the server's user may read the key or its password (TlsContexts).
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(server.dataDir().resolve("tls")))).isEqualTo("rwx------");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(server.dataDir().resolve("tls").resolve("server.pass")))).isEqualTo("rw-------");
    }

    @Test
    void aSessionOverTlsWithTrustOnFirstUse(@TempDir Path home) throws IOException {
        Path known = home.resolve("known_servers");
        List<String> asked = new ArrayList<>();
        SSLContext tls = tofu(known, (hostPort, fingerprint) -> {
            asked.add(hostPort + " " + fingerprint);
            return true;
        });
        assertThat(TlsImplementations.nameOf(tls)).isEqualTo(clientTls());
        try (VidShareClient client = VidShareClient.connectTls("127.0.0.1", tlsPort, tls, 10_000)) {
            assertThat(client.hello("en").ok()).isTrue();
            assertThat(TestServer.register(client, "tls-user", "user").ok()).isTrue();
            assertThat(client.login("tls-user", TestServer.PASSWORD).ok()).isTrue();
            ClientReply whoami = client.call(Map.of("type", "whoami"));
            assertThat(whoami.string("name")).isEqualTo("tls-user");
        }
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0)).startsWith("127.0.0.1:" + tlsPort + " ").matches(".* ([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(Files.readString(known)).contains(asked.get(0));

        // Known now: no question the second time.
        SSLContext again = tofu(known, (h, f) -> {
            throw new AssertionError("asked again for a known server");
        });
        try (VidShareClient client = VidShareClient.connectTls("127.0.0.1", tlsPort, again, 10_000)) {
            assertThat(client.call(Map.of("type", "ping")).ok()).isTrue();
        }
    }

    /**
     * AES-128-GCM (faster per core than the JDK's first choice, AES-256-GCM): for TLS 1.2 the server's
     * order picks it whatever the client offers (a JDK socket offering AES-256 first); for TLS 1.3
     * the client library offers it first, and gets it (BoringSSL's server follows the client's order
     * there; the JDK's its own: JdkTlsTest).
     */
    @Test
    void aes128GcmIsNegotiated(@TempDir Path home) throws IOException {
        SSLContext tls = tofu(home.resolve("known"), (h, f) -> true);
        assertThat(negotiated(tls, "TLSv1.2")).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        try (VidShareClient client = VidShareClient.connectTls("127.0.0.1", tlsPort, tls, 10_000)) {
            assertThat(client.tlsSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(client.tlsSession().getCipherSuite()).isEqualTo("TLS_AES_128_GCM_SHA256");
        }
    }

    /** The client library on the other TLS implementation: the same bytes down and up. */
    @Test
    void theOtherClientImplementationMovesTheSameBytes(@TempDir Path home) throws IOException {
        Path movie = MovieFiles.random(home, "other.mp4", 1_500_000, 78);
        SSLContext other = ClientTls.trustOnFirstUse("127.0.0.1", tlsPort, home.resolve("known"), (h, f) -> true,
                otherClientTls());
        assertThat(TlsImplementations.nameOf(other)).isEqualTo(otherClientTls());
        long movieId = publishOverTls(other, movie);
        try (VidShareClient user = VidShareClient.connectTls("127.0.0.1", tlsPort, other, 10_000)) {
            user.hello("en");
            assertThat(TestServer.register(user, "other-tls-" + otherClientTls(), "user").ok()).isTrue();
            assertThat(user.login("other-tls-" + otherClientTls(), TestServer.PASSWORD).ok()).isTrue();
            Path target = home.resolve("downloaded.mp4");
            ClientReply reply = user.download(DownloadSupport.request(movieId, 0), target, (done, total) -> { });
            assertThat(reply.ok()).as(reply.toString()).isTrue();
            assertThat(Files.mismatch(movie, target)).isEqualTo(-1L);
        }
    }

    static String negotiated(SSLContext tls, String protocol) throws IOException {
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", tlsPort)) {
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(new String[] {protocol});
            List<String> offered = new ArrayList<>(List.of(socket.getEnabledCipherSuites()));
            assertThat(offered.indexOf("TLS_AES_256_GCM_SHA384")).as("the client offers AES-256 first")
                    .isLessThan(offered.indexOf("TLS_AES_128_GCM_SHA256"));
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
            return socket.getSession().getCipherSuite();
        }
    }

    /** Over TLS the file cannot go zero-copy: it is encrypted chunk by chunk, and must arrive whole. */
    @Test
    void aDownloadOverTlsArrivesByteForByteAndAnUploadToo(@TempDir Path home) throws IOException {
        Path movie = MovieFiles.random(home, "tls.mp4", 3_000_000, 77);
        SSLContext tls = tofu(home.resolve("known"), (h, f) -> true);
        long movieId = publishOverTls(tls, movie);
        try (VidShareClient user = VidShareClient.connectTls("127.0.0.1", tlsPort, tls, 10_000)) {
            user.hello("en");
            assertThat(TestServer.register(user, "tls-viewer", "user").ok()).isTrue();
            assertThat(user.login("tls-viewer", TestServer.PASSWORD).ok()).isTrue();
            Path target = home.resolve("downloaded.mp4");
            ClientReply reply = user.download(DownloadSupport.request(movieId, 0), target, (done, total) -> { });
            assertThat(reply.ok()).as(reply.toString()).isTrue();
            assertThat(Files.mismatch(movie, target)).isEqualTo(-1L);
            assertThat(user.call(Map.of("type", "ping")).ok()).as("in sync after the payload").isTrue();
        }
    }

    /**
     * Fifty pings of 1 KiB each in one write: four TLS records in one socket write, which the
     * server decrypts together into one buffer of many frames (TlsFilter); every ping is answered.
     * Were only one record decrypted per read, the rest would wait for bytes that never come.
     */
    @Test
    void pipelinedRequestsOverTlsAreAllAnsweredInOrder(@TempDir Path home) throws IOException {
        SSLContext tls = tofu(home.resolve("known"), (h, f) -> true);
        try (VidShareClient client = VidShareClient.connectTls("127.0.0.1", tlsPort, tls, 10_000)) {
            client.setReadTimeout(10_000);
            client.hello("en");
            sendFiftyPingsAndReadTheirPongs(client);
            assertThat(client.call(Map.of("type", "ping")).ok()).as("in sync after the batch").isTrue();
        }
    }

    /**
     * The client's bytes reach the server 100 at a time (a relay that drips them): nearly every
     * read ends inside a record, whose start the server keeps and completes with the next reads;
     * all fifty 1 KiB pings are still answered.
     */
    @Test
    void recordsArrivingInSmallPiecesAreAssembled(@TempDir Path home) throws Exception {
        try (java.net.ServerSocket relay = dripRelay(100)) {
            SSLContext tls = ClientTls.trustOnFirstUse("127.0.0.1", relay.getLocalPort(), home.resolve("known"), (h, f) -> true,
                    clientTls());
            try (VidShareClient client = VidShareClient.connectTls("127.0.0.1", relay.getLocalPort(), tls, 10_000)) {
                client.setReadTimeout(10_000);
                assertThat(client.hello("en").ok()).isTrue();
                sendFiftyPingsAndReadTheirPongs(client);
            }
        }
    }

    /**
     * An upload whose records arrive 1,000 bytes at a time: each read ends inside a record, whose
     * start waits for the next (BoringSSL's filter reads the payload from the socket itself, after
     * that start); the movie is stored byte for byte, and the ping sent right behind it is answered.
     */
    @Test
    void anUploadArrivingInSmallPiecesIsStoredWhole(@TempDir Path home) throws Exception {
        Path movie = MovieFiles.random(home, "dripped.mp4", 400_000 + 11, 79);
        try (java.net.ServerSocket relay = dripRelay(1000)) {
            SSLContext tls = ClientTls.trustOnFirstUse("127.0.0.1", relay.getLocalPort(), home.resolve("known"), (h, f) -> true,
                    clientTls());
            try (VidShareClient admin = VidShareClient.connectTls("127.0.0.1", relay.getLocalPort(), tls, 10_000)) {
                admin.setReadTimeout(30_000);
                admin.hello("en");
                TestServer.register(admin, "tls-admin", "admin"); // refused when an earlier test made it
                assertThat(admin.login("tls-admin", TestServer.PASSWORD).ok()).isTrue();
                Uploads.pipelinedUploadAndPing(admin, server.dataDir(), movie);
            }
        }
    }

    /** A relay to the TLS port on a port of its own for one connection: the client's bytes in writes of {@code upPiece}. */
    private static java.net.ServerSocket dripRelay(int upPiece) throws IOException {
        java.net.ServerSocket relay = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        Thread dripper = new Thread(() -> {
            try (Socket client = relay.accept(); Socket upstream = new Socket("127.0.0.1", tlsPort)) {
                upstream.setTcpNoDelay(true);
                Thread down = new Thread(() -> copy(upstream, client, 16 * 1024));
                down.setDaemon(true);
                down.start();
                copy(client, upstream, upPiece);
            } catch (IOException e) {
                // the test's end closes both
            }
        }, "drip-relay");
        dripper.setDaemon(true);
        dripper.start();
        return relay;
    }

    /** Fifty pings of 1 KiB each in one write (about four TLS records), then each one's pong. */
    private static void sendFiftyPingsAndReadTheirPongs(VidShareClient client) throws IOException {
        ByteArrayOutputStream pings = new ByteArrayOutputStream();
        for (int i = 0; i < 50; i++) {
            String ping = "{\"type\":\"ping\",\"n\":" + i + ",\"pad\":\"" + "x".repeat(1000) + "\"}";
            pings.writeBytes(Frames.frame(ping.getBytes(StandardCharsets.UTF_8)));
        }
        client.sendRaw(pings.toByteArray());
        for (int i = 0; i < 50; i++) {
            ClientReply pong = client.readReply();
            assertThat(pong.ok()).as(pong.toString()).isTrue();
        }
    }

    /** Copies {@code from} to {@code to} in writes of at most {@code piece} bytes, a pause after each small one. */
    private static void copy(Socket from, Socket to, int piece) {
        byte[] buffer = new byte[piece];
        try {
            for (int read; (read = from.getInputStream().read(buffer)) > 0; ) {
                to.getOutputStream().write(buffer, 0, read);
                to.getOutputStream().flush();
                if (piece < 1024) {
                    java.util.concurrent.locks.LockSupport.parkNanos(300_000);
                }
            }
        } catch (IOException e) {
            // closed at the test's end
        }
    }

    /**
     * A record that fails its authentication tag (bytes an attacker changed in transit) ends that
     * connection, and only it: the server's engine refuses it, the next connection is served.
     */
    @Test
    void aTamperedRecordEndsOnlyItsConnection(@TempDir Path home) throws IOException {
        SSLContext tls = tofu(home.resolve("known"), (h, f) -> true);
        try (Socket plain = new Socket("127.0.0.1", tlsPort);
             SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, "127.0.0.1", tlsPort, true)) {
            socket.setSoTimeout(5_000);
            socket.startHandshake();
            // An application-data record of the right shape whose tag cannot match.
            byte[] record = new byte[5 + 64];
            record[0] = 0x17;
            record[1] = 0x03;
            record[2] = 0x03;
            record[4] = 64;
            for (int i = 5; i < record.length; i++) {
                record[i] = (byte) i;
            }
            plain.getOutputStream().write(record);
            plain.getOutputStream().flush();
            assertThatThrownBy(() -> {
                if (socket.getInputStream().read() >= 0) {
                    throw new AssertionError("the server answered a tampered record");
                }
                throw new java.io.EOFException("closed");
            }).as("refused at once, not left open until the read times out")
                    .isInstanceOf(IOException.class).isNotInstanceOf(java.net.SocketTimeoutException.class);
        }
        try (VidShareClient next = VidShareClient.connectTls("127.0.0.1", tlsPort, tls, 10_000)) {
            assertThat(next.hello("en").ok()).isTrue();
        }
    }

    /** The read timeout holds over TLS (the client's engine reads the plain socket, which keeps it), and a close from another thread ends a blocked read. */
    @Test
    void aTlsReadTimesOutAndACloseFromAnotherThreadEndsIt(@TempDir Path home) throws Exception {
        SSLContext tls = tofu(home.resolve("known"), (h, f) -> true);
        try (VidShareClient client = VidShareClient.connectTls("127.0.0.1", tlsPort, tls, 10_000)) {
            client.hello("en");
            long start = System.nanoTime();
            assertThat(client.isClosedByPeer(300)).as("an open connection").isFalse();
            assertThat((System.nanoTime() - start) / 1_000_000).as("waited for the timeout").isBetween(250L, 5_000L);

            client.setReadTimeout(0);
            java.util.concurrent.CompletableFuture<Throwable> blocked = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    client.readReply(); // nothing was asked: waits
                    return null;
                } catch (Throwable e) {
                    return e;
                }
            });
            Thread.sleep(200);
            client.close();
            assertThat(blocked.get(5, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(IOException.class);
        }
    }

    /**
     * An interrupt ends a TLS read that waits without a timeout, with an IOException, as it does on a
     * plain connection: a thread whose interrupt is ignored while its read waits on a selector would
     * spin on it (every select returns at once while the interrupt is pending) until bytes came,
     * and the JDK's engine over a java.net.Socket would not notice it at all.
     */
    @Test
    void anInterruptEndsATlsReadThatWaitsWithoutATimeout(@TempDir Path home) throws Exception {
        SSLContext tls = tofu(home.resolve("known"), (h, f) -> true);
        try (VidShareClient client = VidShareClient.connectTls("127.0.0.1", tlsPort, tls, 10_000)) {
            assertAnInterruptEndsAReadThatWaits(client);
        }
    }

    /** The plain connection's behaviour that the TLS one matches. */
    @Test
    void anInterruptEndsAPlainReadThatWaitsWithoutATimeout() throws Exception {
        try (VidShareClient client = server.raw()) {
            assertAnInterruptEndsAReadThatWaits(client);
        }
    }

    private static void assertAnInterruptEndsAReadThatWaits(VidShareClient client) throws Exception {
        client.hello("en");
        client.setReadTimeout(0);
        java.util.concurrent.CompletableFuture<Throwable> ended = new java.util.concurrent.CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                client.readReply(); // nothing was asked: waits
                ended.complete(null);
            } catch (Throwable e) {
                ended.complete(e);
            }
        }, "blocked-read");
        reader.start();
        Thread.sleep(200);
        assertThat(ended).as("the read waits").isNotDone();
        reader.interrupt();
        assertThat(ended.get(5, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(IOException.class);
        reader.join(5_000);
        assertThat(reader.isAlive()).isFalse();
    }

    /**
     * A TLS download's link cut a third of the way in (a 512 KB/s relay): the file keeps every
     * decrypted byte written so far, all of them the movie's, and the resume over TLS completes it.
     */
    @Test
    void aTlsDownloadCutMidwayKeepsWhatCameAndResumes(@TempDir Path home) throws Exception {
        int size = 1 << 20;
        Path movie = MovieFiles.random(home, "tls-cut.mp4", size, 78);
        SSLContext tls = tofu(home.resolve("known"), (h, f) -> true);
        long movieId = publishOverTls(tls, movie);
        Path target = home.resolve("tls-cut.part");
        ThrottledRelay relay = new ThrottledRelay(tlsPort, 0, 512 * 1024);
        SSLContext viaRelay = ClientTls.trustOnFirstUse("127.0.0.1", relay.port(), home.resolve("known-relay"), (h, f) -> true);
        long[] reported = {0};
        try (relay; VidShareClient user = VidShareClient.connectTls("127.0.0.1", relay.port(), viaRelay, 10_000)) {
            user.hello("en");
            assertThat(TestServer.register(user, "tls-cut-viewer", "user").ok()).isTrue();
            assertThat(user.login("tls-cut-viewer", TestServer.PASSWORD).ok()).isTrue();
            user.download(DownloadSupport.request(movieId, 0), target, (done, total) -> {
                reported[0] = done;
                if (done >= size / 3) {
                    try {
                        relay.close();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            throw new AssertionError("the download ended although its link was cut");
        } catch (IOException cut) {
            // as planned
        }
        long kept = Files.size(target);
        assertThat(kept).isBetween(reported[0], (long) size - 1);
        assertThat(Files.mismatch(target, movie)).as("the bytes kept are the movie's").isEqualTo(kept);
        try (VidShareClient user = VidShareClient.connectTls("127.0.0.1", tlsPort, tls, 10_000)) {
            user.hello("en");
            assertThat(user.login("tls-cut-viewer", TestServer.PASSWORD).ok()).isTrue();
            ClientReply resumed = user.download(DownloadSupport.request(movieId, kept), target, (done, total) -> { });
            assertThat(resumed.ok()).as("%s", resumed).isTrue();
        }
        assertThat(Files.mismatch(target, movie)).isEqualTo(-1);
    }

    /** Uploads a free movie over TLS as this class's admin (registered by whichever test comes first). */
    private static long publishOverTls(SSLContext tls, Path movie) throws IOException {
        try (VidShareClient admin = VidShareClient.connectTls("127.0.0.1", tlsPort, tls, 10_000)) {
            admin.hello("en");
            TestServer.register(admin, "tls-admin", "admin"); // refused when an earlier test made it
            assertThat(admin.login("tls-admin", TestServer.PASSWORD).ok()).isTrue();
            return MovieFiles.upload(admin, movie, true);
        }
    }

    @Test
    void aChangedKeyIsRefused(@TempDir Path home) throws IOException {
        Path known = home.resolve("known_servers");
        String fake = "00:".repeat(31) + "00";
        Files.writeString(known, "127.0.0.1:" + tlsPort + " " + fake + "\n", StandardCharsets.UTF_8);
        SSLContext tls = tofu(known, (h, f) -> true);
        assertThatThrownBy(() -> VidShareClient.connectTls("127.0.0.1", tlsPort, tls, 10_000))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aFirstKeyTheUserRejectsIsRefused(@TempDir Path home) throws IOException {
        SSLContext tls = tofu(home.resolve("known"), (h, f) -> false);
        assertThatThrownBy(() -> VidShareClient.connectTls("127.0.0.1", tlsPort, tls, 10_000))
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(home.resolve("known")).doesNotExist();
    }

    /**
     * A TLS 1.1 ClientHello, written byte by byte (the JDK refuses to send one), gets no ServerHello:
     * a fatal protocol_version alert. The server's own protocol list is what refuses it.
     */
    @Test
    void tls11IsRefused() throws IOException {
        byte[] hello = tls11ClientHello();
        try (Socket socket = new Socket("127.0.0.1", tlsPort)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(hello);
            socket.getOutputStream().flush();
            byte[] answer = readUpTo(socket.getInputStream(), 7);
            assertThat(answer).as("an alert record").hasSize(7);
            assertThat(answer[0]).as("record type: 0x15 alert, never 0x16 handshake").isEqualTo((byte) 0x15);
            assertThat(answer[5]).as("fatal").isEqualTo((byte) 2);
            assertThat(answer[6]).as("protocol_version").isEqualTo((byte) 70);
        }
    }

    private static byte[] tls11ClientHello() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0x03);
        body.write(0x02); // client_version TLS 1.1
        for (int i = 0; i < 32; i++) {
            body.write(i); // random
        }
        body.write(0); // session id length
        body.write(0);
        body.write(4); // cipher suites length
        body.write(0x00);
        body.write(0x2f); // TLS_RSA_WITH_AES_128_CBC_SHA
        body.write(0x00);
        body.write(0x35); // TLS_RSA_WITH_AES_256_CBC_SHA
        body.write(1); // compression methods length
        body.write(0); // null compression
        byte[] b = body.toByteArray();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        int handshakeLength = 4 + b.length;
        record.write(0x16);
        record.write(0x03);
        record.write(0x02);
        record.write(handshakeLength >> 8);
        record.write(handshakeLength & 0xff);
        record.write(0x01); // ClientHello
        record.write(0);
        record.write(b.length >> 8);
        record.write(b.length & 0xff);
        record.write(b, 0, b.length);
        return record.toByteArray();
    }

    private static byte[] readUpTo(InputStream in, int count) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            while (out.size() < count) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                out.write(b);
            }
        } catch (java.net.SocketException e) {
            // A reset is a refusal too.
        }
        return out.toByteArray();
    }
}
