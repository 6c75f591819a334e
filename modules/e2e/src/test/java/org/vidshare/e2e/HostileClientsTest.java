package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.hash.Passwords;
import org.vidshare.core.protocol.Frames;

/**
 * What one attacker's laptop can do to the packaged server (issue 12), against a child JVM with a
 * 64 MiB heap that exits on OutOfMemoryError: floods of pipelined frames and downloads leave it
 * alive, bounded in memory and open files, and serving others; client text never forges a log line.
 */
class HostileClientsTest {
    /** Long enough that every pipelined download below arrives during its connection's wait. */
    private static final int WAIT_SECONDS = 120;
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    @TempDir
    static Path dir;
    private static ServerCli.Serving server;
    private static long freeMovie;

    @BeforeAll
    static void startChild() throws Exception {
        Path dataDir = Files.createDirectories(dir.resolve("data"));
        // The last -Xmx wins over ServerCli's default heap.
        server = ServerCli.serve(List.of("-Xmx64m", "-XX:+ExitOnOutOfMemoryError"),
                List.of("serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir.toString(),
                        "--set", "password.pbkdf2-iterations=1000",
                        "--set", "download.free-wait-seconds=" + WAIT_SECONDS));
        try (VidShareClient admin = connect()) {
            assertThat(admin.call(Map.of("type", "register", "name", "boss",
                    "password", Passwords.md5Hex(TestServer.PASSWORD), "user_type", "admin")).ok()).isTrue();
            assertThat(admin.login("boss", TestServer.PASSWORD).ok()).isTrue();
            freeMovie = MovieFiles.upload(admin, MovieFiles.random(dir, "free.mp4", 200_000, 7), true);
        }
    }

    @AfterAll
    static void stopChild() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void twentyConnectionsPipeliningBigFramesWithoutReadingStayUnderTheHeapWhileOthersAreServed() throws Exception {
        byte[] frame = Frames.frame(pingNear(MAX_HEADER_BYTES));
        int connections = 20;
        int framesEach = 500;
        ExecutorService floods = Executors.newFixedThreadPool(connections);
        List<Socket> sockets = new ArrayList<>();
        try {
            List<Future<Integer>> sent = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                Socket socket = new Socket();
                socket.setReceiveBufferSize(4096); // and nothing is ever read from it
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
                sockets.add(socket);
                sent.add(floods.submit(() -> pipeline(socket.getOutputStream(), frame, framesEach)));
            }
            // While the floods run, a well-behaved client is served.
            try (VidShareClient alice = connect()) {
                assertThat(TestServer.register(alice, "flood-alice", "user").ok()).isTrue();
                assertThat(alice.login("flood-alice", TestServer.PASSWORD).ok()).isTrue();
                for (int i = 0; i < 20; i++) {
                    ClientReply ping = alice.call(Map.of("type", "ping"));
                    assertThat(ping.ok()).as("%s", ping).isTrue();
                }
                assertThat(alice.call(Map.of("type", "get_movie_list")).ok()).isTrue();
            }
            // The floods have 15 s more to end by themselves (all frames taken, usually within 5 s), then
            // go away. In about one run in two a few stall for minutes instead, in TCP (issue 15 note of
            // 2026-12-02): while the server holds a flood's reads (one request at a time), the socket's
            // receive queue outgrows its memory and the kernel drops segments (TcpExtTCPRcvQDrop); the
            // flood's side then retransmits on a backed-off timer (26 s at the 7th back-off, doubling),
            // long after the server reads again. Waiting for that tells nothing about the heap or the others.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            for (Future<Integer> flood : sent) {
                try {
                    flood.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException stillFlooding) {
                    break;
                }
            }
            for (Socket socket : sockets) {
                socket.close();
            }
            for (Future<Integer> flood : sent) {
                assertThat(flood.get(30, TimeUnit.SECONDS)).isBetween(1, framesEach);
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
            floods.shutdownNow();
        }
        assertThat(server.isAlive()).as("the child server is alive").isTrue();
        try (VidShareClient late = connect()) {
            assertThat(late.call(Map.of("type", "ping")).ok()).isTrue();
        }
        assertThat(server.output()).doesNotContain("OutOfMemoryError");
    }

    @Test
    void pipelinedDownloadsDuringAWaitGiveOneGrantAndOneRecordPerConnectionAndBoundedOpenFiles() throws Exception {
        int connections = 10;
        int downloadsEach = 500;
        try (VidShareClient bob = connect()) {
            assertThat(TestServer.register(bob, "pipe-bob", "user").ok()).isTrue();
        }
        long filesBefore = openFiles();
        List<VidShareClient> clients = new ArrayList<>();
        try {
            for (int c = 0; c < connections; c++) {
                VidShareClient client = connect();
                clients.add(client);
                assertThat(client.login("pipe-bob", TestServer.PASSWORD).ok()).isTrue();
                client.sendRaw(downloadBurst(downloadsEach, client.session()));
            }
            for (VidShareClient client : clients) {
                ClientReply grant = client.readReply();
                assertThat(grant.ok()).as("%s", grant).isTrue();
                assertThat(grant.number("wait_time")).isEqualTo(WAIT_SECONDS);
                assertThat(closedAtTheSecondRequest(client)).as("closed at the second request").isTrue();
            }
            // Every connection is closed before its wait is over: no file was ever opened for them.
            assertThat(openFiles()).as("open files of the child").isLessThanOrEqualTo(filesBefore + connections);
        } finally {
            for (VidShareClient client : clients) {
                client.close();
            }
        }
        try (VidShareClient bob = connect()) {
            assertThat(bob.login("pipe-bob", TestServer.PASSWORD).ok()).isTrue();
            ClientReply records = bob.call(Map.of("type", "check_download_record"));
            assertThat(records.ok()).as("%s", records).isTrue();
            assertThat(records.number("total")).isEqualTo(connections);
            assertThat(records.list("record_list")).hasSize(connections);
        }
    }

    @Test
    void aTypeHoldingCrLfIsLoggedAsOneEscapedLine() throws Exception {
        String marker = "forged-" + System.nanoTime();
        try (VidShareClient client = connect()) {
            ClientReply reply = client.call(Map.of("type", "evil\r\n" + marker + " INFO admin logged in"));
            assertThat(reply.code()).isEqualTo("unknown_type");
            assertThat(client.call(Map.of("type", "ping")).ok()).isTrue();
        }
        List<String> lines = awaitLinesWith(marker);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("evil\\u000d\\u000a" + marker).contains("code=unknown_type");
    }

    /**
     * The second request's {@code bad_request} and then the end of the stream. The server closes with
     * the rest of the burst unread, so the kernel may reset the connection before that reply is read:
     * a reset is a close too.
     */
    private static boolean closedAtTheSecondRequest(VidShareClient client) throws IOException {
        ClientReply second;
        try {
            second = client.readReply();
        } catch (IOException reset) {
            return true;
        }
        assertThat(second.code()).as("%s", second).isEqualTo("bad_request");
        return client.isClosedByPeer(60_000);
    }

    private static List<String> awaitLinesWith(String marker) throws InterruptedException {
        List<String> lines = List.of();
        for (int i = 0; i < 300 && lines.isEmpty(); i++) {
            lines = server.output().lines().filter(line -> line.contains(marker)).toList();
            if (lines.isEmpty()) {
                Thread.sleep(100);
            }
        }
        return lines;
    }

    /** A valid ping frame of almost {@code maxBytes}: padding is an extra key the server ignores. */
    private static byte[] pingNear(int maxBytes) {
        String head = "{\"type\":\"ping\",\"padding\":\"";
        String tail = "\"}";
        String padding = "x".repeat(maxBytes - head.length() - tail.length() - 16);
        return (head + padding + tail).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the frame {@code count} times, until the server closes; returns how many went out. */
    private static int pipeline(OutputStream out, byte[] frame, int count) {
        int sent = 0;
        try {
            for (; sent < count; sent++) {
                out.write(frame);
            }
            out.flush();
        } catch (IOException closedByServer) {
            // Expected: the server cuts off a connection that runs too far ahead.
        }
        return Math.max(sent, 1);
    }

    /** {@code count} download_movie frames of the free movie, back to back, in one buffer. */
    private static byte[] downloadBurst(int count, String session) throws IOException {
        byte[] frame = Frames.frame(("{\"type\":\"download_movie\",\"movie_id\":" + freeMovie
                + ",\"offset\":0,\"session\":\"" + session + "\"}").getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            out.write(frame);
        }
        return out.toByteArray();
    }

    private static long openFiles() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(server.pid()), "fd"))) {
            return fds.count();
        }
    }

    private static VidShareClient connect() throws IOException {
        VidShareClient client = VidShareClient.connect("127.0.0.1", server.port());
        client.setReadTimeout(120_000);
        assertThat(client.hello("en").ok()).isTrue();
        return client;
    }
}
