package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;

/**
 * HAProxy in TCP mode in front of two nodes, configured as docs/deployment.md says: a whole user
 * flow goes through it, connections spread over both nodes, and with one node gone the balancer's
 * health check sends everyone to the other. Skips without haproxy or PostgreSQL (.ci/run has both).
 */
class HaproxyTest {
    @TempDir
    Path dir;

    @Test
    void aWholeUserFlowRunsThroughTheBalancerAndSurvivesANode() throws Exception {
        Path haproxy = Path.of("/usr/sbin/haproxy");
        assumeTrue(Files.isExecutable(haproxy), "HAProxy tests skipped: no /usr/sbin/haproxy (Debian package haproxy)");
        try (Nodes nodes = Nodes.onPostgres(dir.resolve("shared"), Map.of("download.free-wait-seconds", "0"))) {
            ServerCli.Serving a = nodes.start();
            ServerCli.Serving b = nodes.start();
            int port = freePort();
            Path config = Files.writeString(dir.resolve("haproxy.cfg"), Balancer.config(port, List.of(a.port(), b.port())));
            Process balancer = new ProcessBuilder(haproxy.toString(), "-db", "-f", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
            try {
                Balancer.awaitSteady(port);
                Path movie = MovieFiles.random(dir, "balanced.mp4", 1 << 20, 5);
                long movieId;
                try (VidShareClient admin = Nodes.loggedIn(port, Admins.FIRST, "admin")) {
                    movieId = MovieFiles.upload(admin, movie, true);
                    assertThat(admin.call(Map.of("type", "release_notice", "title", "hi", "content", "through haproxy")).ok()).isTrue();
                }
                try (VidShareClient alice = Nodes.loggedIn(port, "alice", "user")) {
                    assertThat(Uploads.listed(alice, "balanced.mp4")).isTrue();
                    Path copy = dir.resolve("copy.mp4");
                    assertThat(alice.download(DownloadSupport.request(movieId, 0), copy, TransferListener.NONE).ok()).isTrue();
                    assertThat(MovieFiles.sha256(copy)).isEqualTo(MovieFiles.sha256(movie));
                    assertThat(alice.call(Map.of("type", "check_notice")).list("notice_list")).isNotEmpty();
                    assertThat(alice.call(Map.of("type", "check_download_record")).list("record_list")).hasSize(1);
                }
                // leastconn over two healthy nodes: connections held open at once land on both (each
                // node logs the whoami it answered; the health checks only ping).
                Balancer.holdAndAsk(port, 6);
                assertThat(a.output()).as("node A's log").contains(" whoami ");
                assertThat(b.output()).as("node B's log").contains(" whoami ");

                a.kill();
                // The health check notices within a few intervals; then every new connection works.
                Balancer.awaitSteady(port);
                try (VidShareClient alice = Nodes.client(port)) {
                    ClientReply login = alice.login("alice", TestServer.PASSWORD);
                    assertThat(login.ok()).as(login.toString()).isTrue();
                    assertThat(Uploads.listed(alice, "balanced.mp4")).isTrue();
                }
            } finally {
                balancer.destroy();
                balancer.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The HAProxy side of the test: its configuration and what a client sees through it. */
    static final class Balancer {
        private Balancer() {
        }

        /** docs/deployment.md's configuration, on loopback ports. */
        static String config(int port, List<Integer> nodes) {
            StringBuilder servers = new StringBuilder();
            for (int i = 0; i < nodes.size(); i++) {
                servers.append("    server node").append(i + 1).append(" 127.0.0.1:").append(nodes.get(i))
                        .append(" check inter 1s fall 3 rise 2\n");
            }
            return """
                    global
                        maxconn 4096
                    defaults
                        mode tcp
                        timeout connect 5s
                        # A loaded machine answers a health check late, not never.
                        timeout check 5s
                        # Above the protocol's idle timeout (server.idle-timeout-seconds, 300 s): clients ping.
                        timeout client 330s
                        timeout server 330s
                    frontend vidshare
                        bind 127.0.0.1:%d
                        default_backend nodes
                    backend nodes
                        balance leastconn
                        # The protocol's cheapest request: a ping frame (length 15, little-endian), its ok reply.
                        option tcp-check
                        tcp-check send-binary 0f0000007b2274797065223a2270696e67227d
                        tcp-check expect string "ok"
                    %s""".formatted(port, servers);
        }

        /** Opens {@code count} connections at once, each asking whoami, then closes them. */
        static void holdAndAsk(int port, int count) throws IOException {
            List<VidShareClient> held = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    VidShareClient client = Nodes.client(port);
                    held.add(client);
                    assertThat(Wire.whoami(client).code()).isEqualTo("not_logged_in");
                }
            } finally {
                for (VidShareClient client : held) {
                    client.close();
                }
            }
        }

        /**
         * Waits until ten connections in a row through the balancer are answered: every node in its
         * rotation is up (at the start), or a dead one has been taken out (a few check intervals).
         */
        static void awaitSteady(int port) throws Exception {
            long deadline = System.nanoTime() + 60_000_000_000L;
            int inARow = 0;
            while (inARow < 10) {
                try (VidShareClient client = Nodes.client(port)) {
                    inARow++;
                } catch (IOException notSteadyYet) {
                    inARow = 0;
                    if (System.nanoTime() > deadline) {
                        throw notSteadyYet;
                    }
                    Thread.sleep(200);
                }
            }
        }
    }
}
