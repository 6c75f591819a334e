package org.vidshare.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.hash.Fingerprint;
import org.vidshare.core.hash.Passwords;

/**
 * Issue 15 item 7: requests per second from N connections (each a thread waiting for every reply,
 * as a client does) against the packaged server (a child JVM) with 1,000 movies, beside the limit
 * measured in the same run: {@link LimitServer}, the same codec answering every frame with a
 * constant reply. Prints requests/s, p50/p99 latency and the server's CPU milliseconds per 1,000
 * requests (user + system from /proc, the server process only). Rounds interleave every load so
 * the machine's swings hit all of them; the first rounds warm up and are not counted. Two by
 * default: after one, the server's JIT compiler still took a tenth of the machine in the first
 * counted round, and its CPU went into that round's figures.
 * <p>
 * Both servers run with the heap the release's service unit gives the server ({@code -Xmx1g}),
 * as it is run for real. {@code --heap 64m} shows what a heap that small costs: the catalog, the
 * caches and H2's pages then fill half of it, and G1's concurrent marking runs all the time.
 *
 * <pre>
 * java -p modules/bench/target/classes:modules/bench/target/lib \
 *      -m org.vidshare.bench/org.vidshare.bench.RequestBenchmark [--connections 16] [--seconds 4] [--rounds 3] [--warm-up-rounds 2]
 *      [--heap 1g] [--dist-lib modules/dist/target/lib] [--work /tmp/vidshare-request-bench] [--docs docs]
 *      [--loads ping,list,search,paid,login]
 * </pre>
 */
public final class RequestBenchmark {
    private static final String PASSWORD = "bench-password";
    private static final int MOVIES = 1000;
    /** The server's heap in the release's systemd unit (VIDSHARE_JAVA_OPTS in vidshare.service). */
    static final String SERVICE_HEAP = "1g";
    static final String LIMIT = "limit: constant reply on the same codec";
    static final String PING = "ping";
    static final String LIST_PAGE = "get_movie_list, page of 20 of 1,000";
    static final String LIST_SEARCH = "get_movie_list, search \"42\", page of 20";
    static final String LIST_PAID = "get_movie_list, movie_type=charge, page of 20";
    static final String LOGIN = "login (PBKDF2 1,000 rounds)";

    /** The loads by their {@code --loads} names (the limit always runs: every ratio needs it). */
    private static final Map<String, String> SHORT_NAMES = Map.of("ping", PING, "list", LIST_PAGE,
            "search", LIST_SEARCH, "paid", LIST_PAID, "login", LOGIN);

    private RequestBenchmark() {
    }

    private static List<String> chosen(String names) {
        List<String> loads = new ArrayList<>();
        for (String name : names.split(",")) {
            String load = SHORT_NAMES.get(name.trim());
            if (load == null) {
                throw new IllegalArgumentException("--loads takes a comma list of " + SHORT_NAMES.keySet() + ", not " + name);
            }
            loads.add(load);
        }
        return loads;
    }

    /** What one load sends on each connection; built once per connection (its session is in it). */
    interface Load {
        Map<String, Object> request(Connection connection);
    }

    /** A connection of the load: its client, its account, its latencies. */
    record Connection(VidShareClient client, String account) {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        int connections = options.getInt("--connections", 16);
        int seconds = options.getInt("--seconds", 4);
        int rounds = options.getInt("--rounds", 3);
        int warmUps = options.getInt("--warm-up-rounds", 2);
        String heap = options.get("--heap", SERVICE_HEAP);
        Path distLib = Path.of(options.get("--dist-lib", "modules/dist/target/lib")).toAbsolutePath();
        Path work = Files.createDirectories(Path.of(options.get("--work", "/tmp/vidshare-request-bench")));
        Path docs = Path.of(options.get("--docs", "docs"));
        String loadAtStart = Machine.loadAverage();
        System.out.printf(Locale.ROOT, "RequestBenchmark: %d connections, %d s per load, %d rounds (+%d warm-up), server"
                + " -Xmx%s; %s; load %s%n", connections, seconds, rounds, warmUps, heap, Machine.description(), loadAtStart);
        TransferBenchmark.deleteServerData(work.resolve("server-data"));
        Map<String, List<Result>> results = new LinkedHashMap<>();
        try (ChildServer limit = LimitServer.start(heap);
             ChildServer server = ChildServer.start(distLib, work.resolve("server-data"), heap, List.of(
                     "password.pbkdf2-iterations=1000", "server.idle-timeout-seconds=3600",
                     // The login load hashes from 16 connections of one address, thousands a second:
                     // the per-address password limits (docs/security.md) would refuse nearly all of it.
                     "password.max-concurrent-per-address=100000", "password.max-hashes-per-address-per-minute=1000000",
                     "password.hash-queue=100000",
                     // 16 connections stand for 16 clients: all of them may be in the workers at once.
                     "server.max-busy-workers-per-address=16"))) {
            seed(server.port(), work.resolve("movies"), MOVIES);
            List<Connection> limitClients = new ArrayList<>();
            List<Connection> users = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                limitClients.add(new Connection(open(limit.port()), null));
                VidShareClient user = open(server.port());
                user.hello("en");
                String account = "bench-user-" + i;
                user.call(Map.of("type", "register", "name", account, "password", Passwords.md5Hex(PASSWORD),
                        "user_type", "user"));
                check(user.login(account, PASSWORD));
                users.add(new Connection(user, account));
            }
            Map<String, Load> loads = new LinkedHashMap<>();
            loads.put(PING, c -> Map.of("type", "ping"));
            loads.put(LIST_PAGE, c -> Map.of("type", "get_movie_list", "session", c.client().session(),
                    "movie_type", "all", "offset", 0, "limit", 20));
            loads.put(LIST_SEARCH, c -> Map.of("type", "get_movie_list", "session", c.client().session(),
                    "movie_type", "all", "query", "42", "offset", 0, "limit", 20));
            loads.put(LIST_PAID, c -> Map.of("type", "get_movie_list", "session", c.client().session(),
                    "movie_type", "charge", "offset", 0, "limit", 20));
            loads.put(LOGIN, c -> Map.of("type", "login", "name", c.account(), "password", Passwords.md5Hex(PASSWORD)));
            loads.keySet().retainAll(chosen(options.get("--loads", String.join(",", SHORT_NAMES.keySet()))));
            for (int round = 1 - warmUps; round <= rounds; round++) {
                System.out.println(round <= 0 ? "warm-up round (not counted):" : "round " + round + ":");
                record(results, round, LIMIT, run(limit.pid(), limitClients, c -> LimitServer.REPLY, true, seconds));
                for (Map.Entry<String, Load> load : loads.entrySet()) {
                    // A login's reply carries a new session each time: it is parsed, every other one compared.
                    record(results, round, load.getKey(), run(server.pid(), users, load.getValue(),
                            !load.getKey().equals(LOGIN), seconds));
                }
            }
            for (Connection c : limitClients) {
                c.client().close();
            }
            for (Connection c : users) {
                c.client().close();
            }
            String md = markdown(results, connections, seconds, rounds, warmUps, heap, loadAtStart, Machine.loadAverage(),
                    String.join(" ", args));
            System.out.println();
            System.out.println(md);
            Files.createDirectories(docs);
            Files.writeString(docs.resolve("request-benchmark-results.md"), md);
            Files.writeString(docs.resolve("request-benchmark-chart.svg"), svg(results, connections, rounds));
            System.out.println("wrote " + docs.resolve("request-benchmark-results.md") + " and "
                    + docs.resolve("request-benchmark-chart.svg"));
        } finally {
            TransferBenchmark.deleteServerData(work.resolve("server-data"));
            TransferBenchmark.deleteServerData(work.resolve("movies"));
        }
    }

    private static void record(Map<String, List<Result>> results, int round, String name, Result result) {
        System.out.printf(Locale.ROOT, "  %-50s %8.0f req/s  p50 %6.3f ms  p99 %6.3f ms  server CPU %6.1f ms/1000"
                        + "  driver CPU %6.1f ms/1000%n", name, result.perSecond(), result.p50Millis(), result.p99Millis(),
                result.cpuMillisPer1000(), result.driverCpuMillisPer1000());
        if (round > 0) {
            results.computeIfAbsent(name, n -> new ArrayList<>()).add(result);
        }
    }

    static VidShareClient open(int port) throws IOException {
        VidShareClient client = VidShareClient.connect("127.0.0.1", port);
        client.setReadTimeout(120_000);
        return client;
    }

    /** {@code count} tiny distinct movies, every other one paid, named movie-0000.mp4, movie-0001.mp4... */
    static void seed(int port, Path dir, int count) throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(dir);
        try (VidShareClient admin = open(port)) {
            admin.hello("en");
            admin.call(Map.of("type", "register", "name", "bench-admin", "password", Passwords.md5Hex(PASSWORD),
                    "user_type", "admin"));
            check(admin.login("bench-admin", PASSWORD));
            for (int i = 0; i < count; i++) {
                Path file = dir.resolve(String.format(Locale.ROOT, "movie-%04d.mp4", i));
                Files.write(file, ("VidShare request benchmark movie " + i + "\n").repeat(8).getBytes(StandardCharsets.UTF_8));
                Map<String, Object> request = new LinkedHashMap<>();
                request.put("type", "upload_movie");
                request.put("file_name", file.getFileName().toString());
                request.put("file_size", Files.size(file));
                request.put("file_md5", Fingerprint.of(file));
                request.put("is_free", i % 2);
                request.put("offset", 0);
                check(admin.upload(request, file, TransferListener.NONE));
                Files.delete(file);
            }
        }
        System.out.printf(Locale.ROOT, "seeded %d movies in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
    }

    static ClientReply check(ClientReply reply) {
        if (!reply.ok()) {
            throw new IllegalStateException("refused: " + reply);
        }
        return reply;
    }

    /**
     * Every connection sends its request, waits for the reply, and again, for {@code seconds}. With
     * {@code sameReplies} each reply is compared with the connection's first ({@link RepeatedExchange});
     * without, each is parsed.
     */
    static Result run(long serverPid, List<Connection> connections, Load load, boolean sameReplies, int seconds)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch ready = new CountDownLatch(connections.size());
        CountDownLatch go = new CountDownLatch(1);
        long[][] latencies = new long[connections.size()][];
        int[] counts = new int[connections.size()];
        Exception[] failure = new Exception[1];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections.size(); i++) {
            int index = i;
            Connection connection = connections.get(i);
            Map<String, Object> request = load.request(connection);
            RepeatedExchange repeated = sameReplies ? new RepeatedExchange(connection.client(), request) : null;
            Thread thread = new Thread(() -> {
                long[] own = new long[1 << 16];
                int count = 0;
                try {
                    ready.countDown();
                    go.await();
                    while (!stop.get()) {
                        long start = System.nanoTime();
                        if (repeated != null) {
                            repeated.once();
                        } else {
                            parsedExchange(connection, request);
                        }
                        long took = System.nanoTime() - start;
                        if (count == own.length) {
                            own = Arrays.copyOf(own, own.length * 2);
                        }
                        own[count++] = took;
                    }
                } catch (Exception e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
                latencies[index] = own;
                counts[index] = count;
            }, "load-" + i);
            threads.add(thread);
            thread.start();
        }
        ready.await();
        long driverPid = ProcessHandle.current().pid();
        double cpuBefore = Machine.processCpuSeconds(serverPid);
        double driverCpuBefore = Machine.processCpuSeconds(driverPid);
        long start = System.nanoTime();
        go.countDown();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = Machine.processCpuSeconds(serverPid) - cpuBefore;
        double driverCpu = Machine.processCpuSeconds(driverPid) - driverCpuBefore;
        if (failure[0] != null) {
            throw failure[0];
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int i = 0; i < latencies.length; i++) {
            System.arraycopy(latencies[i], 0, all, at, counts[i]);
            at += counts[i];
        }
        Arrays.sort(all);
        return new Result(total / elapsed, all[total / 2] / 1e6, all[(int) Math.min(total - 1, total * 0.99)] / 1e6,
                cpu * 1000 / total * 1000, driverCpu * 1000 / total * 1000);
    }

    private static void parsedExchange(Connection connection, Map<String, Object> request) throws IOException {
        ClientReply reply = connection.client().callAsIs(request);
        if (!reply.ok()) {
            throw new IllegalStateException("refused: " + reply);
        }
        if (reply.has("session")) {
            // A login replaces the connection's session: later list requests need the new one.
            connection.client().useSession(reply.string("session"));
        }
    }

    /**
     * One load in one round; the server CPU is NaN when no one server process serves it. The
     * driver's CPU (this process) is beside it: on a machine the two share, a dearer driver lowers
     * the requests/s as surely as a dearer server.
     */
    record Result(double perSecond, double p50Millis, double p99Millis, double cpuMillisPer1000,
                  double driverCpuMillisPer1000) {
    }

    static double median(List<Result> results, java.util.function.ToDoubleFunction<Result> value) {
        return Report.median(results.stream().map(value::applyAsDouble).toList());
    }

    private static String markdown(Map<String, List<Result>> results, int connections, int seconds, int rounds, int warmUps,
                                   String heap, String loadAtStart, String loadAtEnd, String arguments) {
        double limit = median(results.get(LIMIT), Result::perSecond);
        StringBuilder md = new StringBuilder();
        md.append(Report.writtenBy(RequestBenchmark.class));
        md.append(Report.machineAndLoad(loadAtStart, loadAtEnd));
        md.append(String.format(Locale.ROOT, "- %d connections from loopback, each waiting for every reply; %d s per"
                + " load per round, median of %d rounds after %d warm-up rounds; server and limit server child JVMs"
                + " -Xmx%s; 1,000 movies, every other one paid%n", connections, seconds, rounds, warmUps, heap));
        md.append(Report.command(RequestBenchmark.class, arguments));
        md.append("| load | requests/s (median) | every round | p50 ms | p99 ms | server CPU ms per 1,000"
                + " | driver CPU ms per 1,000 | / limit |\n");
        md.append("|---|---:|---|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<Result>> entry : results.entrySet()) {
            List<Result> rs = entry.getValue();
            double rate = median(rs, Result::perSecond);
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %.3f | %.3f | %.1f | %.1f | %s |%n", entry.getKey(),
                    rate, String.join(", ", rs.stream().map(r -> String.format(Locale.ROOT, "%.0f", r.perSecond())).toList()),
                    median(rs, Result::p50Millis), median(rs, Result::p99Millis), median(rs, Result::cpuMillisPer1000),
                    median(rs, Result::driverCpuMillisPer1000),
                    entry.getKey().equals(LIMIT) ? "1" : String.format(Locale.ROOT, "**%.3f**", rate / limit)));
        }
        md.append("\n| goal | ratio to the limit | goal | met |\n|---|---:|---:|---|\n");
        for (String name : List.of(PING, LIST_PAGE, LIST_SEARCH, LIST_PAID)) {
            if (!results.containsKey(name)) {
                continue;
            }
            double ratio = median(results.get(name), Result::perSecond) / limit;
            double goal = name.equals(PING) ? 0.8 : 0.5;
            md.append(String.format(Locale.ROOT, "| %s | **%.3f** | >= %.1f | %s |%n", name, ratio, goal,
                    ratio >= goal ? "yes" : "no"));
        }
        md.append("\n![requests per second](request-benchmark-chart.svg)\n");
        return md.toString();
    }

    /** Horizontal bars of requests/s, the limit first. */
    private static String svg(Map<String, List<Result>> results, int connections, int rounds) {
        List<BarChart.Bar> bars = results.entrySet().stream()
                .map(e -> new BarChart.Bar(e.getKey(), median(e.getValue(), Result::perSecond),
                        e.getKey().equals(LIMIT) ? "#555555" : "#1f6fb4"))
                .toList();
        return BarChart.svg(String.format(Locale.ROOT,
                "Requests per second, %d connections (median of %d rounds, loopback)", connections, rounds), bars, 360);
    }
}
