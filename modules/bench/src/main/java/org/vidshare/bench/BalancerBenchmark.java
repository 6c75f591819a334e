package org.vidshare.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.hash.Fingerprint;
import org.vidshare.core.hash.Passwords;

/**
 * Issue 14: what HAProxy (TCP mode, docs/deployment.md's configuration) costs in front of the
 * nodes, and what a second node changes. Two nodes (child JVMs of the packaged server) run on one
 * PostgreSQL (a schema of their own, dropped at the end) and one shared data directory; one HAProxy
 * serves two loopback frontends, one with node 1 behind it and one with both. For each way in
 * (straight to node 1, through HAProxy with 1 node, through HAProxy with 2 nodes) it measures
 * {@code get_movie_list} requests/s from N connections ({@link RequestBenchmark}'s load loop) and
 * one download's throughput ({@link TransferBenchmark}'s download), in rounds that interleave the
 * three so that the machine's swings hit all of them; the first round warms up and is not counted.
 *
 * <pre>
 * java -p modules/bench/target/classes:modules/bench/target/lib \
 *      -m org.vidshare.bench/org.vidshare.bench.BalancerBenchmark [--connections 8] [--seconds 4] [--rounds 3]
 *      [--download-mib 64] [--movies 200] [--heap 128m] [--haproxy /usr/sbin/haproxy]
 *      [--postgres jdbc:postgresql://HOST:PORT/DB] [--postgres-user U] (password: VIDSHARE_TEST_POSTGRES_PASSWORD)
 *      [--dist-lib modules/dist/target/lib] [--work /tmp/vidshare-balancer-bench] [--docs docs]
 * </pre>
 * The PostgreSQL defaults come from {@code VIDSHARE_TEST_POSTGRES} and {@code VIDSHARE_TEST_POSTGRES_USER}.
 */
public final class BalancerBenchmark {
    private static final String PASSWORD = "bench-password";
    static final String DIRECT = "direct to node 1";
    static final String ONE_NODE = "HAProxy, 1 node behind";
    static final String TWO_NODES = "HAProxy, 2 nodes behind";

    private BalancerBenchmark() {
    }

    /** One way in: its port, and the pid whose CPU the list load is charged to (0: several processes). */
    private record Target(String name, int port, long serverPid) {
    }

    /** One way in, one round. */
    private record Round(RequestBenchmark.Result list, double downloadMibPerSecond) {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        int connections = options.getInt("--connections", 8);
        int seconds = options.getInt("--seconds", 4);
        int rounds = options.getInt("--rounds", 3);
        int downloadMib = options.getInt("--download-mib", 64);
        int movies = options.getInt("--movies", 200);
        String heap = options.get("--heap", "128m");
        Path haproxyBinary = Path.of(options.get("--haproxy", "/usr/sbin/haproxy"));
        String postgres = options.get("--postgres", System.getenv().getOrDefault("VIDSHARE_TEST_POSTGRES", ""));
        String pgUser = options.get("--postgres-user", System.getenv().getOrDefault("VIDSHARE_TEST_POSTGRES_USER", "vidshare"));
        String pgPassword = System.getenv().getOrDefault("VIDSHARE_TEST_POSTGRES_PASSWORD", "");
        Path distLib = Path.of(options.get("--dist-lib", "modules/dist/target/lib")).toAbsolutePath();
        Path work = Files.createDirectories(Path.of(options.get("--work", "/tmp/vidshare-balancer-bench")).toAbsolutePath());
        Path docs = Path.of(options.get("--docs", "docs"));
        if (postgres.isBlank()) {
            throw new IllegalArgumentException("no PostgreSQL: pass --postgres jdbc:postgresql://HOST:PORT/DB or set VIDSHARE_TEST_POSTGRES");
        }
        String loadAtStart = Machine.loadAverage();
        System.out.printf(Locale.ROOT, "BalancerBenchmark: %d connections, %d s per list load, %d MiB download, %d rounds"
                + " (+1 warm-up), nodes -Xmx%s; %s; load %s%n", connections, seconds, downloadMib, rounds, heap,
                Machine.description(), loadAtStart);
        Path shared = work.resolve("shared");
        TransferBenchmark.deleteServerData(shared);
        String schema = "vs_bench_" + UUID.randomUUID().toString().replace("-", "");
        execute(postgres, pgUser, pgPassword, "CREATE SCHEMA " + schema);
        List<String> settings = List.of("db.url=" + postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "db.user=" + pgUser, "password.pbkdf2-iterations=1000", "server.idle-timeout-seconds=3600",
                "download.free-wait-seconds=0",
                // Behind a balancer every connection comes from one address (docs/deployment.md, HAProxy).
                "password.max-hashes-per-address-per-minute=1000000", "password.max-concurrent-per-address=64",
                "server.max-busy-workers-per-address=16");
        Map<String, String> secret = Map.of("VIDSHARE_DB_PASSWORD", pgPassword);
        Map<String, List<Round>> results = new LinkedHashMap<>();
        try (ChildServer node1 = ChildServer.start(distLib, shared, heap, settings, secret);
             ChildServer node2 = ChildServer.start(distLib, shared, heap, settings, secret)) {
            RequestBenchmark.seed(node1.port(), work.resolve("movies"), movies);
            Path movie = randomFile(work.resolve("download.bin"), downloadMib);
            long movieId = publish(node1.port(), movie);
            int viaOne = Haproxy.freePort();
            int viaTwo = Haproxy.freePort();
            Map<Integer, List<Integer>> frontends = new LinkedHashMap<>();
            frontends.put(viaOne, List.of(node1.port()));
            frontends.put(viaTwo, List.of(node1.port(), node2.port()));
            try (Haproxy haproxy = Haproxy.start(haproxyBinary, work.resolve("haproxy"), frontends)) {
                List<Target> targets = List.of(new Target(DIRECT, node1.port(), node1.pid()),
                        new Target(ONE_NODE, viaOne, node1.pid()), new Target(TWO_NODES, viaTwo, 0));
                Map<Target, List<RequestBenchmark.Connection>> users = new LinkedHashMap<>();
                for (Target target : targets) {
                    users.put(target, users(target.port(), connections, target.name()));
                }
                Path copy = work.resolve("download-copy.bin");
                for (int round = 0; round <= rounds; round++) {
                    System.out.println(round == 0 ? "warm-up round (not counted):" : "round " + round + ":");
                    for (Target target : targets) {
                        RequestBenchmark.Result list = RequestBenchmark.run(target.serverPid(), users.get(target),
                                c -> Map.of("type", "get_movie_list", "session", c.client().session(),
                                        "movie_type", "all", "offset", 0, "limit", 20), false, seconds);
                        double mibPerSecond = download(target.port(), movieId, movie, copy);
                        System.out.printf(Locale.ROOT, "  %-26s get_movie_list %7.0f req/s  p50 %6.3f ms  p99 %6.3f ms"
                                + "  download %7.1f MiB/s%n", target.name(), list.perSecond(), list.p50Millis(),
                                list.p99Millis(), mibPerSecond);
                        if (round > 0) {
                            results.computeIfAbsent(target.name(), n -> new ArrayList<>()).add(new Round(list, mibPerSecond));
                        }
                    }
                }
                for (List<RequestBenchmark.Connection> some : users.values()) {
                    for (RequestBenchmark.Connection c : some) {
                        c.client().close();
                    }
                }
            }
            String md = markdown(results, connections, seconds, rounds, downloadMib, movies, heap, loadAtStart,
                    Machine.loadAverage(), String.join(" ", args));
            System.out.println();
            System.out.println(md);
            Files.createDirectories(docs);
            Files.writeString(docs.resolve("deployment-benchmark-results.md"), md);
            System.out.println("wrote " + docs.resolve("deployment-benchmark-results.md"));
        } finally {
            TransferBenchmark.deleteServerData(shared);
            TransferBenchmark.deleteServerData(work.resolve("movies"));
            Files.deleteIfExists(work.resolve("download.bin"));
            Files.deleteIfExists(work.resolve("download-copy.bin"));
            execute(postgres, pgUser, pgPassword, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /** {@code count} logged-in users on connections through {@code port} (a node or a frontend). */
    private static List<RequestBenchmark.Connection> users(int port, int count, String way) throws IOException {
        List<RequestBenchmark.Connection> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            VidShareClient user = RequestBenchmark.open(port);
            user.hello("en");
            String account = "bench-user-" + i;
            // Registered once (through the first way in); the database is shared, so later ways only log in.
            user.call(Map.of("type", "register", "name", account, "password", Passwords.md5Hex(PASSWORD), "user_type", "user"));
            RequestBenchmark.check(user.login(account, PASSWORD));
            users.add(new RequestBenchmark.Connection(user, account));
        }
        System.out.println("  " + count + " users logged in: " + way);
        return users;
    }

    /** One download on a fresh connection, checked byte for byte: MiB/s from the request to the last byte. */
    private static double download(int port, long movieId, Path original, Path copy) throws IOException {
        try (VidShareClient client = RequestBenchmark.open(port)) {
            client.hello("en");
            RequestBenchmark.check(client.login("bench-user-0", PASSWORD));
            double seconds = TransferBenchmark.download(client, movieId, copy);
            if (Files.mismatch(original, copy) != -1) {
                throw new IllegalStateException(copy + " differs from " + original);
            }
            return Files.size(original) / (1024.0 * 1024.0) / seconds;
        }
    }

    private static Path randomFile(Path file, int mib) throws IOException {
        byte[] block = new byte[1 << 20];
        Random random = new Random(14);
        try (var out = Files.newOutputStream(file)) {
            for (int i = 0; i < mib; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        return file;
    }

    /** The download movie, free, uploaded by the seed's admin. */
    private static long publish(int port, Path movie) throws IOException {
        try (VidShareClient admin = RequestBenchmark.open(port)) {
            admin.hello("en");
            RequestBenchmark.check(admin.login("bench-admin", PASSWORD));
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("type", "upload_movie");
            request.put("file_name", "download.bin");
            request.put("file_size", Files.size(movie));
            request.put("file_md5", Fingerprint.of(movie));
            request.put("is_free", 1);
            request.put("offset", 0);
            ClientReply reply = RequestBenchmark.check(admin.upload(request, movie, TransferListener.NONE));
            return reply.number("movie_id");
        }
    }

    private static void execute(String url, String user, String password, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String markdown(Map<String, List<Round>> results, int connections, int seconds, int rounds,
                                   int downloadMib, int movies, String heap, String loadAtStart, String loadAtEnd,
                                   String arguments) {
        StringBuilder md = new StringBuilder();
        md.append(Report.writtenBy(BalancerBenchmark.class));
        md.append(Report.machineAndLoad(loadAtStart, loadAtEnd));
        md.append("- The machine is shared with other work: the load average says how busy it was.\n");
        md.append(String.format(Locale.ROOT, "- Two nodes (child JVMs, -Xmx%s) on one PostgreSQL and one data directory;"
                + " HAProxy in TCP mode (leastconn, ping health check) on loopback; %d movies; get_movie_list: %d"
                + " connections, each waiting for every reply, %d s per round; download: one %d MiB free movie on a"
                + " fresh connection, checked byte for byte; median of %d rounds after one warm-up round%n",
                heap, movies, connections, seconds, downloadMib, rounds));
        md.append(Report.command(BalancerBenchmark.class, arguments));
        md.append("| way in | get_movie_list req/s (median) | every round | p50 ms | p99 ms | download MiB/s (median) | every round |\n");
        md.append("|---|---:|---|---:|---:|---:|---|\n");
        for (Map.Entry<String, List<Round>> entry : results.entrySet()) {
            List<Round> rs = entry.getValue();
            List<RequestBenchmark.Result> lists = rs.stream().map(Round::list).toList();
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %.3f | %.3f | %.1f | %s |%n", entry.getKey(),
                    RequestBenchmark.median(lists, RequestBenchmark.Result::perSecond),
                    String.join(", ", lists.stream().map(r -> String.format(Locale.ROOT, "%.0f", r.perSecond())).toList()),
                    RequestBenchmark.median(lists, RequestBenchmark.Result::p50Millis),
                    RequestBenchmark.median(lists, RequestBenchmark.Result::p99Millis),
                    Report.median(rs.stream().map(Round::downloadMibPerSecond).toList()),
                    String.join(", ", rs.stream().map(r -> String.format(Locale.ROOT, "%.1f", r.downloadMibPerSecond())).toList())));
        }
        return md.toString();
    }
}
