package org.vidshare.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy in TCP mode as docs/deployment.md configures it, on loopback only, one frontend per
 * backend (a set of nodes), its configuration in a directory of its own. Ready once every
 * frontend answers a hello through a node its health check has found up.
 */
final class Haproxy implements AutoCloseable {
    private final Process process;

    private Haproxy(Process process) {
        this.process = process;
    }

    /** Starts {@code binary} with one frontend per entry: its loopback port, and the node ports behind it. */
    static Haproxy start(Path binary, Path dir, Map<Integer, List<Integer>> frontends) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path config = Files.writeString(dir.resolve("haproxy.cfg"), config(frontends));
        Process process = new ProcessBuilder(binary.toString(), "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        Haproxy haproxy = new Haproxy(process);
        try {
            for (int port : frontends.keySet()) {
                awaitAnswer(port, process);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            haproxy.close();
            throw e;
        }
        return haproxy;
    }

    static String config(Map<Integer, List<Integer>> frontends) {
        StringBuilder config = new StringBuilder("""
                global
                    maxconn 4096
                defaults
                    mode tcp
                    timeout connect 5s
                    timeout check 5s
                    timeout client 330s
                    timeout server 330s
                """);
        for (Map.Entry<Integer, List<Integer>> frontend : frontends.entrySet()) {
            String name = "via" + frontend.getKey();
            config.append("frontend ").append(name).append('\n')
                    .append("    bind 127.0.0.1:").append(frontend.getKey()).append('\n')
                    .append("    default_backend ").append(name).append("-nodes\n")
                    .append("backend ").append(name).append("-nodes\n")
                    .append("    balance leastconn\n")
                    // The protocol's cheapest request: a ping frame (length 15, little-endian), its ok reply.
                    .append("    option tcp-check\n")
                    .append("    tcp-check send-binary 0f0000007b2274797065223a2270696e67227d\n")
                    .append("    tcp-check expect string \"ok\"\n");
            List<Integer> nodes = frontend.getValue();
            for (int i = 0; i < nodes.size(); i++) {
                config.append("    server node").append(i + 1).append(" 127.0.0.1:").append(nodes.get(i))
                        .append(" check inter 1s fall 3 rise 2\n");
            }
        }
        return config.toString();
    }

    /** A loopback port free now (HAProxy binds it a moment later). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Until a hello through the frontend is answered (bounded: 30 s). */
    private static void awaitAnswer(int port, Process process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("haproxy exited with " + process.exitValue() + " (see its log)");
            }
            try (var client = RequestBenchmark.open(port)) {
                client.setReadTimeout(2000);
                if (client.hello("en").ok()) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new IOException("haproxy frontend on port " + port + " did not answer within 30 s", last);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
