package org.vidshare.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vidshare.client.ClientTls;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.protocol.Frames;
import org.vidshare.core.protocol.Json;

/**
 * Issue 15 item 6: a burst of connections against the packaged server (a child JVM, {@code -Xmx64m}),
 * each opened from loopback and answered {@code hello}, timed from the first connect to the last
 * reply byte; then the server's live heap with all of them idle against before, per connection.
 * One thread drives every client socket non-blocking, so the client is not what is measured: it
 * only connects, writes one frame and reads one reply per socket. Every reply is checked (code
 * {@code ok}) after the clock stops.
 *
 * <pre>
 * java -p modules/bench/target/classes:modules/bench/target/lib \
 *      -m org.vidshare.bench/org.vidshare.bench.ConnectionBenchmark [--connections 10000] [--rounds 3]
 *      [--sources 1] [--backlog 1024] [--heap 64m] [--tls-connections 0] [--tls-implementation auto|jdk|boringssl]
 *      [--dist-lib modules/dist/target/lib]
 *      [--work /tmp/vidshare-connection-bench]
 * </pre>
 * {@code --sources N} spreads the clients over 127.0.0.1 .. 127.0.0.N (each socket bound before
 * its connect), for when the per-address limit or the ephemeral port range would not do.
 * The process needs an open-file limit ({@code ulimit -n}) above the connection count; so does
 * the server child, which inherits it.
 */
public final class ConnectionBenchmark {
    private static final byte[] HELLO = Frames.frame(Json.toBytes(Map.of("type", "hello", "protocol", 1,
            "client", "vidshare-bench/1.0", "lang", "en")));

    private ConnectionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        int connections = options.getInt("--connections", 10_000);
        int rounds = options.getInt("--rounds", 3);
        int sources = options.getInt("--sources", 1);
        // Then this many idle TLS connections (each handshaken and answered hello), their heap alone.
        int tlsConnections = options.getInt("--tls-connections", 0);
        // Whose TLS, server and client library alike (tls.implementation).
        String tlsImplementation = options.get("--tls-implementation", "auto");
        // The server's listen queue (server.backlog); its default when not given.
        String backlog = options.get("--backlog", "1024");
        String heap = options.get("--heap", "64m");
        Path distLib = Path.of(options.get("--dist-lib", "modules/dist/target/lib")).toAbsolutePath();
        Path work = Files.createDirectories(Path.of(options.get("--work", "/tmp/vidshare-connection-bench")));
        checkOpenFileLimit(connections);
        String loadAtStart = Machine.loadAverage();
        System.out.printf(Locale.ROOT, "ConnectionBenchmark: %d connections from %d source address(es), %d rounds,"
                + " server -Xmx%s, backlog %s (somaxconn %s), ulimit -n %d; %s; load %s%n", connections, sources, rounds,
                heap, backlog, somaxconn(), openFileLimit(), Machine.description(), loadAtStart);
        TransferBenchmark.deleteServerData(work.resolve("server-data"));
        try (ChildServer server = ChildServer.start(distLib, work.resolve("server-data"), heap, List.of(
                "server.max-connections-per-address=" + (connections + 10), "server.idle-timeout-seconds=3600",
                "server.backlog=" + backlog, "tls.port=0", "tls.implementation=" + tlsImplementation))) {
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", server.port());
            // Warm-up: load the classes and JIT the paths once, so the idle heap below is only connections.
            new Burst(target, Math.min(1000, connections), sources).run().close();
            Thread.sleep(2000);
            JavaHeap before = JavaHeap.of(server.pid());
            List<Double> seconds = new ArrayList<>();
            List<Double> perConnection = new ArrayList<>();
            JavaHeap idle = null;
            for (int round = 1; round <= rounds; round++) {
                long overflowsBefore = listenOverflows();
                double cpuBefore = Machine.processCpuSeconds(server.pid());
                Burst burst = new Burst(target, connections, sources).run();
                double cpu = Machine.processCpuSeconds(server.pid()) - cpuBefore;
                burst.checkReplies();
                idle = JavaHeap.of(server.pid());
                double kib = (idle.totalBytes() - before.totalBytes()) / 1024.0 / connections;
                seconds.add(burst.answeredSeconds);
                perConnection.add(kib);
                System.out.printf(Locale.ROOT, "round %d: %d connected in %.3f s, all answered hello in %.3f s;"
                                + " server CPU %.2f s; listen overflows %d; server heap %d KiB before, %d KiB with them idle:"
                                + " %.2f KiB per idle connection%n", round, connections, burst.connectedSeconds,
                        burst.answeredSeconds, cpu, listenOverflows() - overflowsBefore, before.totalBytes() / 1024,
                        idle.totalBytes() / 1024, kib);
                burst.close();
                Thread.sleep(3000);
            }
            System.out.println("largest heap growth with the connections idle (last round), per connection:");
            for (String[] row : idle.largestGrowth(before, 15)) {
                System.out.printf(Locale.ROOT, "  %8.2f instances %9.1f bytes  %s%n", Long.parseLong(row[1]) / (double) connections,
                        Long.parseLong(row[2]) / (double) connections, row[0]);
            }
            JavaHeap after = JavaHeap.of(server.pid());
            System.out.printf(Locale.ROOT, "after closing them all: server heap %d KiB%n", after.totalBytes() / 1024);
            if (tlsConnections > 0) {
                idleTls(server, tlsConnections, work.resolve("known-servers"), tlsImplementation);
            }
            System.out.printf(Locale.ROOT, "RESULT connections=%d answered_s_median=%.3f answered_s=%s kib_per_idle_median=%.2f"
                            + " kib_per_idle=%s backlog=%s load_start=\"%s\" load_end=\"%s\" server_peak_rss=\"%s\"%n", connections,
                    Report.median(seconds), list(seconds, "%.3f"), Report.median(perConnection), list(perConnection, "%.2f"),
                    backlog, loadAtStart, Machine.loadAverage(), Machine.peakRss(server.pid()));
        } finally {
            TransferBenchmark.deleteServerData(work.resolve("server-data"));
        }
    }

    /**
     * {@code count} TLS connections through the client library, each handshaken and answered hello,
     * held idle: the server's live heap with them against before, per connection, and its resident
     * memory (a native engine's state is outside the heap). Not timed (a handshake costs the server
     * a key exchange and a signature; the burst above is the timing).
     */
    private static void idleTls(ChildServer server, int count, Path knownServers, String implementation) throws Exception {
        int tlsPort;
        try (VidShareClient probe = VidShareClient.connect("127.0.0.1", server.port())) {
            tlsPort = (int) probe.hello("en").number("tls_port");
        }
        Files.deleteIfExists(knownServers); // each run's server makes a new key
        javax.net.ssl.SSLContext trust = ClientTls.trustOnFirstUse("127.0.0.1", tlsPort, knownServers, (h, f) -> true,
                implementation);
        List<VidShareClient> open = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.ExecutorService dialers = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            VidShareClient.connectTls("127.0.0.1", tlsPort, trust, 10_000).close(); // classes loaded, key remembered
            Thread.sleep(1000);
            JavaHeap before = JavaHeap.of(server.pid());
            long rssBefore = Machine.rssKib(server.pid());
            List<java.util.concurrent.Future<?>> dialed = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                dialed.add(dialers.submit(() -> {
                    VidShareClient client = VidShareClient.connectTls("127.0.0.1", tlsPort, trust, 30_000);
                    open.add(client);
                    if (!client.hello("en").ok()) {
                        throw new IllegalStateException("hello over TLS refused");
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> one : dialed) {
                one.get();
            }
            JavaHeap idle = JavaHeap.of(server.pid());
            long rssIdle = Machine.rssKib(server.pid());
            System.out.printf(Locale.ROOT, "%d idle TLS connections (%s): server heap %d KiB before, %d KiB with them: %.2f KiB"
                    + " per idle TLS connection; resident %d -> %d KiB: %.2f KiB per connection (heap, native state,"
                    + " kernel buffers' pages not included)%n", count, implementation, before.totalBytes() / 1024,
                    idle.totalBytes() / 1024, (idle.totalBytes() - before.totalBytes()) / 1024.0 / count,
                    rssBefore, rssIdle, (rssIdle - rssBefore) / (double) count);
            for (String[] row : idle.largestGrowth(before, 10)) {
                System.out.printf(Locale.ROOT, "  %8.2f instances %9.1f bytes  %s%n", Long.parseLong(row[1]) / (double) count,
                        Long.parseLong(row[2]) / (double) count, row[0]);
            }
        } finally {
            dialers.shutdownNow();
            for (VidShareClient client : open) {
                client.close();
            }
        }
    }

    private static String list(List<Double> values, String format) {
        return String.join(",", values.stream().map(v -> String.format(Locale.ROOT, format, v)).toList());
    }

    /** One burst: every socket connects, says hello and reads its reply; they stay open until {@link #close}. */
    private static final class Burst implements AutoCloseable {
        private final InetSocketAddress target;
        private final int count;
        private final int sources;
        private final List<Client> clients = new ArrayList<>();
        private double connectedSeconds;
        private double answeredSeconds;

        Burst(InetSocketAddress target, int count, int sources) {
            this.target = target;
            this.count = count;
            this.sources = sources;
        }

        Burst run() throws IOException {
            try (Selector selector = Selector.open()) {
                long start = System.nanoTime();
                int connected = 0;
                int answered = 0;
                for (int i = 0; i < count; i++) {
                    SocketChannel channel = SocketChannel.open();
                    channel.configureBlocking(false);
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    if (sources > 1) {
                        channel.bind(new InetSocketAddress("127.0.0." + (1 + i % sources), 0));
                    }
                    Client client = new Client(channel);
                    clients.add(client);
                    if (channel.connect(target)) {
                        client.connected(selector);
                        connected++;
                    } else {
                        channel.register(selector, SelectionKey.OP_CONNECT, client);
                    }
                    if (i % 64 == 63) {
                        // Serve what is ready between connects, as a real crowd of clients would.
                        int[] progress = step(selector, 0);
                        connected += progress[0];
                        answered += progress[1];
                    }
                }
                while (answered < count) {
                    if (connected == count && connectedSeconds == 0) {
                        connectedSeconds = (System.nanoTime() - start) / 1e9;
                    }
                    int[] progress = step(selector, 30_000);
                    if (progress[0] + progress[1] == 0 && selector.keys().stream().noneMatch(SelectionKey::isValid)) {
                        throw new IOException("no progress: " + answered + " of " + count + " answered");
                    }
                    connected += progress[0];
                    answered += progress[1];
                }
                if (connectedSeconds == 0) {
                    connectedSeconds = (System.nanoTime() - start) / 1e9;
                }
                answeredSeconds = (System.nanoTime() - start) / 1e9;
            }
            return this;
        }

        /** One select round: how many sockets finished connecting and how many read their whole reply. */
        private int[] step(Selector selector, long timeoutMillis) throws IOException {
            int ready = timeoutMillis == 0 ? selector.selectNow() : selector.select(timeoutMillis);
            if (ready == 0 && timeoutMillis > 0) {
                throw new IOException("nothing happened for " + timeoutMillis + " ms");
            }
            int connected = 0;
            int answered = 0;
            for (SelectionKey key : selector.selectedKeys()) {
                Client client = (Client) key.attachment();
                if (key.isConnectable()) {
                    client.channel.finishConnect();
                    client.connected(selector);
                    connected++;
                } else if (key.isReadable() && client.read()) {
                    key.cancel();
                    answered++;
                }
            }
            selector.selectedKeys().clear();
            return new int[] {connected, answered};
        }

        void checkReplies() throws IOException {
            for (Client client : clients) {
                ObjectNode reply = Json.parseObject(client.body, 0, client.body.length);
                if (!"ok".equals(reply.path("code").asText())) {
                    throw new IllegalStateException("hello refused: " + reply);
                }
                client.body = null;
            }
        }

        @Override
        public void close() throws IOException {
            for (Client client : clients) {
                client.channel.close();
            }
        }
    }

    /** One client socket: its hello goes out at connect, then its reply is read. */
    private static final class Client {
        private final SocketChannel channel;
        private final ByteBuffer header = ByteBuffer.allocate(Frames.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        private ByteBuffer bodyBuffer;
        private byte[] body;

        Client(SocketChannel channel) {
            this.channel = channel;
        }

        void connected(Selector selector) throws IOException {
            ByteBuffer hello = ByteBuffer.wrap(HELLO);
            while (hello.hasRemaining()) {
                // A fresh socket's send buffer takes a few hundred bytes at once.
                channel.write(hello);
            }
            channel.register(selector, SelectionKey.OP_READ, this);
        }

        /** Reads what is there; true once the whole reply is in. */
        boolean read() throws IOException {
            if (bodyBuffer == null) {
                if (channel.read(header) < 0) {
                    throw new IOException("closed by the server before its reply");
                }
                if (header.hasRemaining()) {
                    return false;
                }
                bodyBuffer = ByteBuffer.allocate(header.flip().getInt());
            }
            if (channel.read(bodyBuffer) < 0) {
                throw new IOException("closed by the server during its reply");
            }
            if (bodyBuffer.hasRemaining()) {
                return false;
            }
            body = bodyBuffer.array();
            bodyBuffer = null;
            return true;
        }
    }

    private static void checkOpenFileLimit(int connections) {
        long limit = openFileLimit();
        if (limit > 0 && limit < connections + 200L) {
            throw new IllegalStateException("the open-file limit is " + limit + ": raise it above " + (connections + 200)
                    + " (ulimit -n) before running " + connections + " connections");
        }
    }

    /** This process's soft limit on open files (Linux), -1 when unknown. */
    private static long openFileLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    return Long.parseLong(line.substring("Max open files".length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux.
        }
        return -1;
    }

    private static String somaxconn() {
        try {
            // readString sees a /proc file as empty-sized and returns a cut value; read it by lines.
            return Files.readAllLines(Path.of("/proc/sys/net/core/somaxconn")).get(0).trim();
        } catch (IOException e) {
            return "n/a";
        }
    }

    /** The kernel's count of connections dropped because a listen queue was full (TcpExt ListenOverflows). */
    private static long listenOverflows() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/netstat"));
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("TcpExt:") && lines.get(i + 1).startsWith("TcpExt:")) {
                    String[] names = lines.get(i).split("\\s+");
                    String[] values = lines.get(i + 1).split("\\s+");
                    for (int j = 0; j < names.length; j++) {
                        if (names[j].equals("ListenOverflows")) {
                            return Long.parseLong(values[j]);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux.
        }
        return -1;
    }
}
