package org.vidshare.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import javax.net.ssl.SSLContext;
import org.vidshare.bench.PlainCopies.Receive;
import org.vidshare.bench.PlainCopies.Send;
import org.vidshare.client.ClientReply;
import org.vidshare.client.ClientTls;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.hash.Fingerprint;
import org.vidshare.core.hash.Passwords;
import org.vidshare.core.tls.TlsImplementations;

/**
 * Downloads and uploads of the packaged server (a child JVM, {@code -Xmx64m} by default), plain
 * and over TLS, against honest limits measured in the same run on the same loopback with the
 * same bytes: the fastest of several plain Java copies (sendfile, transferFrom, direct-buffer
 * loops), one core's SHA-256, and Apache FtpServer driven by commons-net. Rounds interleave every
 * transfer, so that the machine's load swings hit all of them alike; the first two rounds warm the
 * JITs up and are not counted. Writes {@code docs/benchmark-results.md} and
 * {@code docs/benchmark-chart.svg}.
 *
 * <pre>
 * java -p modules/bench/target/classes:modules/bench/target/lib \
 *      -m org.vidshare.bench/org.vidshare.bench.TransferBenchmark [--size-mib 1024] [--rounds 3] [--warm-up-rounds 2]
 *      [--heap 64m] [--dist-lib modules/dist/target/lib] [--work /tmp/vidshare-transfer-bench] [--docs docs]
 *      [--only upload,TLS]   (a development run of the transfers named so: rounds printed, no report)
 *      [--tls-implementation auto|jdk|boringssl]   (VidShare's TLS, server and client library alike)
 * </pre>
 */
public final class TransferBenchmark {
    private static final String PASSWORD = "bench-password";

    static final String COPY_SENDFILE_DIRECT = "plain copy: transferTo (sendfile) → 1 MiB direct-buffer loop";
    static final String COPY_SENDFILE_DIRECT_256K = "plain copy: transferTo (sendfile) → 256 KiB direct-buffer loop";
    static final String COPY_SENDFILE_TRANSFER_FROM = "plain copy: transferTo (sendfile) → transferFrom";
    static final String COPY_DIRECT_256K = "plain copy: 256 KiB direct-buffer loops";
    static final String COPY_DIRECT_1M = "plain copy: 1 MiB direct-buffer loops";
    static final String SHA256 = "SHA-256, one core, same bytes";
    static final String HASHED_COPY = "plain hashed receive: sendfile → 1 MiB direct buffers, SHA-256 on a 2nd thread";
    static final String TLS_COPY = "plain JDK TLS copy: SSLSocket → SSLSocket, the server's key and suite";
    static final String ENGINE_TLS_COPY = "plain JDK TLS copy: SSLEngine, 1 MiB buffers, records batched";
    static final String BORINGSSL_TLS_COPY = "plain BoringSSL TLS copy: the same with BoringSSL engines";
    static final String DOWNLOAD = "VidShare download_movie (VidShareClient)";
    static final String DOWNLOAD_TLS = "VidShare download_movie over TLS";
    static final String FTP_DOWNLOAD = "Apache FtpServer RETR (commons-net)";
    static final String UPLOAD = "VidShare upload_movie (VidShareClient)";
    static final String UPLOAD_TLS = "VidShare upload_movie over TLS";
    static final String FTP_UPLOAD = "Apache FtpServer STOR (commons-net)";
    static final String DURABLE_HASHED_COPY = "plain hashed receive, fsync behind it: the file on the disk";
    static final String DURABLE_UPLOAD = "VidShare upload_movie, on the disk before the reply (the default)";
    static final List<String> COPIES = List.of(COPY_SENDFILE_DIRECT, COPY_SENDFILE_DIRECT_256K,
            COPY_SENDFILE_TRANSFER_FROM, COPY_DIRECT_256K, COPY_DIRECT_1M);

    private TransferBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        long sizeMib = Long.parseLong(options.getOrDefault("--size-mib", "1024"));
        int rounds = Integer.parseInt(options.getOrDefault("--rounds", "3"));
        // At least two: after one, the TLS paths' first counted round still ran below its later ones
        // (the JITs); then more until the compilers are quiet (WarmUp).
        int warmUps = Integer.parseInt(options.getOrDefault("--warm-up-rounds", "2"));
        int maxWarmUps = Integer.parseInt(options.getOrDefault("--max-warm-up-rounds", "10"));
        String heap = options.getOrDefault("--heap", "64m");
        String tlsImplementation = options.getOrDefault("--tls-implementation", "auto");
        Path distLib = Path.of(options.getOrDefault("--dist-lib", "modules/dist/target/lib")).toAbsolutePath();
        Path work = Files.createDirectories(Path.of(options.getOrDefault("--work", "/tmp/vidshare-transfer-bench")));
        Path docs = Path.of(options.getOrDefault("--docs", "docs"));
        long size = sizeMib << 20;
        String loadAtStart = Machine.loadAverage();
        System.out.printf(Locale.ROOT, "TransferBenchmark: %d MiB, %d rounds (+%d to %d warm-up), server -Xmx%s, %s; load %s%n",
                sizeMib, rounds, warmUps, Math.max(warmUps, maxWarmUps), heap, Machine.description(), loadAtStart);

        Path movie = work.resolve("movie.bin");
        Path upload = work.resolve("upload.bin");
        Path target = work.resolve("received.bin");
        Path ftpHome = Files.createDirectories(work.resolve("ftp-home"));
        deleteServerData(work.resolve("server-data"));
        deleteServerData(work.resolve("durable-server-data"));
        // Every run's server makes a new TLS key: an old run's trust-on-first-use entry would refuse it.
        Files.deleteIfExists(work.resolve("known-servers"));
        writeFile(movie, size, 42);
        String uploadSha256 = writeFile(upload, size, 43);
        Files.deleteIfExists(ftpHome.resolve("movie.bin"));
        Files.createLink(ftpHome.resolve("movie.bin"), movie);

        // --only: transfers whose name contains one of these words (a development run: no report written).
        List<String> only = options.containsKey("--only") ? List.of(options.get("--only").split(",")) : List.of();
        Results results = new Results(size, only);
        String vidshareTls = "?";
        WarmUp warmUp = null;
        // The page-cache rows compare like with like: the plain copies and FtpServer do not force
        // their files to the disk, so this server does not either; the durable rows use a second
        // server on the default, which does (upload.sync-before-publish).
        try (ChildServer server = ChildServer.start(distLib, work.resolve("server-data"), heap, List.of(
                "download.free-wait-seconds=0", "password.pbkdf2-iterations=1000", "upload.sync-before-publish=false",
                "server.idle-timeout-seconds=3600", "tls.port=0", "tls.implementation=" + tlsImplementation));
             ChildServer durableServer = ChildServer.start(distLib, work.resolve("durable-server-data"), heap, List.of(
                     "password.pbkdf2-iterations=1000", "server.idle-timeout-seconds=3600"));
             FtpPeer ftp = FtpPeer.start(ftpHome, heap);
             VidShareClient admin = loggedIn(VidShareClient.connect("127.0.0.1", server.port()), "bench-admin", "admin", true);
             VidShareClient durableAdmin = loggedIn(VidShareClient.connect("127.0.0.1", durableServer.port()),
                     "bench-admin", "admin", true);
             VidShareClient user = loggedIn(VidShareClient.connect("127.0.0.1", server.port()), "bench-user", "user", true)) {
            int tlsPort = tlsPort(server.port());
            SSLContext tls = ClientTls.trustOnFirstUse("127.0.0.1", tlsPort, work.resolve("known-servers"), (h, f) -> true,
                    tlsImplementation);
            // The plain JDK copies' client: the JDK's whatever VidShare's is.
            SSLContext jdkTls = ClientTls.trustOnFirstUse("127.0.0.1", tlsPort, work.resolve("known-servers"), (h, f) -> true,
                    TlsImplementations.JDK);
            long movieId = setupUpload(admin, movie);
            Path movies = work.resolve("server-data").resolve("movies");
            List<Path> kept = list(movies);
            Path durableMovies = work.resolve("durable-server-data").resolve("movies");
            try (VidShareClient tlsAdmin = loggedIn(VidShareClient.connectTls("127.0.0.1", tlsPort, tls, 10_000),
                    "bench-admin", "admin", false);
                 VidShareClient tlsUser = loggedIn(VidShareClient.connectTls("127.0.0.1", tlsPort, tls, 10_000),
                         "bench-user", "user", false)) {
                PlainTls plainTls = PlainTls.like(work.resolve("server-data"), jdkTls, tlsUser.tlsSession());
                vidshareTls = TlsImplementations.nameOf(tls) + " (server and client library), "
                        + tlsUser.tlsSession().getProtocol() + " " + tlsUser.tlsSession().getCipherSuite();
                System.out.println("VidShare's TLS: " + vidshareTls);
                System.out.println("JDK TLS: " + plainTls.describe());
                EngineTlsCopy engineTls = EngineTlsCopy.jdk(plainTls);
                Optional<EngineTlsCopy> boringSsl = EngineTlsCopy.boringSsl(work.resolve("server-data"),
                        tlsUser.tlsSession().getProtocol());
                if (boringSsl.isPresent()) {
                    System.out.println("BoringSSL TLS: " + boringSsl.get().describe(movie));
                }
                long vidshare = server.pid();
                long ftpPid = ftp.pid();
                Round round = into -> {
                    into.add(COPY_SENDFILE_DIRECT, 0, () -> plainCopy(movie, target, size, Send.SENDFILE, Receive.DIRECT_1M));
                    into.add(COPY_SENDFILE_DIRECT_256K, 0, () -> plainCopy(movie, target, size, Send.SENDFILE,
                            Receive.DIRECT_256K));
                    into.add(COPY_SENDFILE_TRANSFER_FROM, 0, () -> plainCopy(movie, target, size, Send.SENDFILE,
                            Receive.TRANSFER_FROM));
                    into.add(COPY_DIRECT_256K, 0, () -> plainCopy(movie, target, size, Send.DIRECT_256K, Receive.DIRECT_256K));
                    into.add(COPY_DIRECT_1M, 0, () -> plainCopy(movie, target, size, Send.DIRECT_1M, Receive.DIRECT_1M));
                    into.add(SHA256, 0, () -> PlainCopies.sha256Seconds(upload, size));
                    into.add(HASHED_COPY, 0, () -> hashedCopy(upload, target, size, uploadSha256, false));
                    if (into.add(TLS_COPY, 0, () -> tlsCopy(plainTls, movie, target, size))) {
                        checkSame(movie, target);
                    }
                    if (into.add(ENGINE_TLS_COPY, 0, () -> engineTlsCopy(engineTls, movie, target, size))) {
                        checkSame(movie, target);
                    }
                    if (boringSsl.isPresent()
                            && into.add(BORINGSSL_TLS_COPY, 0, () -> engineTlsCopy(boringSsl.get(), movie, target, size))) {
                        checkSame(movie, target);
                    }
                    // Each check (same bytes, SHA-256 in the reply) runs after the timed part.
                    if (into.add(DOWNLOAD, vidshare, () -> download(user, movieId, target))) {
                        checkSame(movie, target);
                    }
                    if (into.add(DOWNLOAD_TLS, vidshare, () -> download(tlsUser, movieId, target))) {
                        checkSame(movie, target);
                    }
                    if (into.add(FTP_DOWNLOAD, ftpPid, () -> ftp.download("movie.bin", target))) {
                        checkSame(movie, target);
                    }
                    ClientReply[] reply = new ClientReply[1];
                    if (into.add(UPLOAD, vidshare, () -> upload(admin, upload, uploadSha256, reply))) {
                        removeUpload(admin, reply[0], uploadSha256, movies, kept);
                    }
                    if (into.add(UPLOAD_TLS, vidshare, () -> upload(tlsAdmin, upload, uploadSha256, reply))) {
                        removeUpload(admin, reply[0], uploadSha256, movies, kept);
                    }
                    if (into.add(FTP_UPLOAD, ftpPid, () -> ftp.upload(upload, "upload.bin"))) {
                        checkSame(upload, ftpHome.resolve("upload.bin"));
                    }
                    into.add(DURABLE_HASHED_COPY, 0, () -> hashedCopy(upload, target, size, uploadSha256, true));
                    if (into.add(DURABLE_UPLOAD, durableServer.pid(), () -> upload(durableAdmin, upload, uploadSha256, reply))) {
                        removeUpload(durableAdmin, reply[0], uploadSha256, durableMovies, List.of());
                    }
                };
                long[] jvms = {ProcessHandle.current().pid(), vidshare, durableServer.pid(), ftpPid};
                warmUp = WarmUp.run(() -> round.run(new Results(size, only)), warmUps, maxWarmUps, jvms);
                double[] compiling = new double[rounds];
                for (int n = 1; n <= rounds; n++) {
                    System.out.println("round " + n + ":");
                    compiling[n - 1] = WarmUp.compilerShare(() -> round.run(results), jvms);
                }
                warmUp = warmUp.measured(compiling);
            }
            if (!only.isEmpty()) {
                return; // a partial run makes no report
            }
            String loadAtEnd = Machine.loadAverage();
            String rss = Machine.peakRss(server.pid());
            Report report = new Report(results, sizeMib, rounds, warmUp, heap, loadAtStart, loadAtEnd, rss, String.join(" ", args),
                    vidshareTls);
            System.out.println();
            System.out.println(report.markdown());
            Files.createDirectories(docs);
            Files.writeString(docs.resolve("benchmark-results.md"), report.markdown());
            Files.writeString(docs.resolve("benchmark-chart.svg"), report.svg());
            System.out.println("wrote " + docs.resolve("benchmark-results.md") + " and " + docs.resolve("benchmark-chart.svg"));
        } finally {
            Files.deleteIfExists(target);
            Files.deleteIfExists(ftpHome.resolve("movie.bin"));
            Files.deleteIfExists(ftpHome.resolve("upload.bin"));
            Files.deleteIfExists(movie);
            Files.deleteIfExists(upload);
            deleteServerData(work.resolve("server-data"));
            deleteServerData(work.resolve("durable-server-data"));
        }
    }

    /** A plain copy into a fresh target, deleted afterwards (as every transfer here does). */
    private static double plainCopy(Path movie, Path target, long size, Send send, Receive receive) throws Exception {
        Files.deleteIfExists(target);
        double seconds = PlainCopies.copy(movie, target, size, send, receive);
        Files.delete(target);
        return seconds;
    }

    /** The plain form of an upload into a fresh target, deleted afterwards; {@code durable}: forced to the disk too. */
    private static double hashedCopy(Path upload, Path target, long size, String sha256, boolean durable) throws Exception {
        Files.deleteIfExists(target);
        double seconds = PlainCopies.hashedCopy(upload, target, size, sha256, durable);
        Files.delete(target);
        return seconds;
    }

    private static double tlsCopy(PlainTls plainTls, Path movie, Path target, long size) throws Exception {
        Files.deleteIfExists(target);
        return plainTls.copy(movie, target, size);
    }

    private static double engineTlsCopy(EngineTlsCopy copy, Path movie, Path target, long size) throws Exception {
        Files.deleteIfExists(target);
        return copy.copy(movie, target, size);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }

    /** A file of distinct 8 MiB blocks (nothing can shortcut repeats); returns its SHA-256. */
    private static String writeFile(Path file, long size, long seed) throws IOException {
        MessageDigest sha256 = sha256();
        byte[] block = new byte[8 << 20];
        new Random(seed).nextBytes(block);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long index = 0;
            for (long written = 0; written < size; ) {
                ByteBuffer buffer = ByteBuffer.wrap(block, 0, (int) Math.min(block.length, size - written));
                buffer.putLong(0, index++);
                sha256.update(block, 0, buffer.limit());
                while (buffer.hasRemaining()) {
                    written += out.write(buffer);
                }
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static VidShareClient loggedIn(VidShareClient client, String name, String type, boolean register)
            throws IOException {
        client.setReadTimeout(600_000);
        client.hello("en");
        if (register) {
            client.call(Map.of("type", "register", "name", name, "password", Passwords.md5Hex(PASSWORD), "user_type", type));
        }
        ClientReply login = client.login(name, PASSWORD);
        if (!login.ok()) {
            throw new IllegalStateException("login of " + name + " failed: " + login);
        }
        return client;
    }

    /** The TLS port a plain {@code hello} announces. */
    private static int tlsPort(int plainPort) throws IOException {
        try (VidShareClient probe = VidShareClient.connect("127.0.0.1", plainPort)) {
            return (int) probe.hello("en").number("tls_port");
        }
    }

    /** The movie the downloads fetch, uploaded once (not timed). */
    private static long setupUpload(VidShareClient admin, Path movie) throws IOException {
        ClientReply reply = admin.upload(uploadRequest(movie, null), movie, TransferListener.NONE);
        if (!reply.ok()) {
            throw new IllegalStateException("setup upload failed: " + reply);
        }
        return reply.number("movie_id");
    }

    private static Map<String, Object> uploadRequest(Path file, String sha256) throws IOException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", "upload_movie");
        request.put("file_name", file.getFileName().toString());
        request.put("file_size", Files.size(file));
        request.put("file_md5", Fingerprint.of(file));
        request.put("is_free", 1);
        request.put("offset", 0);
        if (sha256 != null) {
            request.put("sha256", sha256);
        }
        return request;
    }

    /** Seconds from the request to the last byte in the file. */
    static double download(VidShareClient client, long movieId, Path target) throws IOException {
        Files.deleteIfExists(target);
        long start = System.nanoTime();
        ClientReply reply = client.download(Map.of("type", "download_movie", "movie_id", movieId, "offset", 0),
                target, TransferListener.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!reply.ok() || reply.number("wait_time") != 0) {
            throw new IllegalStateException("download refused or waited: " + reply);
        }
        return seconds;
    }

    /** Compares a transferred file with its original, then deletes it. */
    private static void checkSame(Path original, Path copy) throws IOException {
        if (Files.mismatch(original, copy) != -1) {
            throw new IllegalStateException(copy + " differs from " + original);
        }
        Files.delete(copy);
    }

    /**
     * Seconds from the request to the reply (so including the final fingerprint and SHA-256
     * check, the publish and the row commit); the reply goes to {@code reply[0]}. Also prints how
     * long the reply came after the last byte was sent: what the server did after it (the hash's
     * last step, publish, and with upload.sync-before-publish the disk's backlog).
     */
    private static double upload(VidShareClient admin, Path file, String sha256, ClientReply[] reply) throws IOException {
        long[] lastByteSent = {Long.MIN_VALUE}; // none yet (nanoTime may be any value)
        TransferListener lastByte = (done, total) -> {
            if (done == total) {
                lastByteSent[0] = System.nanoTime();
            }
        };
        long start = System.nanoTime();
        reply[0] = admin.upload(uploadRequest(file, sha256), file, lastByte);
        long end = System.nanoTime();
        if (lastByteSent[0] != Long.MIN_VALUE) {
            System.out.printf("    upload_movie: the reply came %.3f s after its last byte was sent%n",
                    (end - lastByteSent[0]) / 1e9);
        }
        return (end - start) / 1e9;
    }

    /**
     * Checks an upload's reply, then soft-deletes the movie so that the next round may upload the
     * same content, and removes the stored file (the soft delete keeps it) so that its disk
     * write-back does not run under the later transfers.
     */
    private static void removeUpload(VidShareClient admin, ClientReply reply, String sha256, Path movies, List<Path> kept)
            throws IOException {
        if (!reply.ok() || !sha256.equals(reply.string("sha256"))) {
            throw new IllegalStateException("upload failed: " + reply);
        }
        ClientReply deleted = admin.call(Map.of("type", "delete_movie", "delete_movie_id", reply.number("movie_id")));
        if (!deleted.ok()) {
            throw new IllegalStateException("delete failed: " + deleted);
        }
        for (Path stored : list(movies)) {
            if (!kept.contains(stored)) {
                Files.delete(stored);
            }
        }
    }

    static void deleteServerData(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    /** One round: every transfer once, into {@code into}. */
    @FunctionalInterface
    interface Round {
        void run(Results into) throws Exception;
    }

    /** One timed transfer: returns its seconds. */
    @FunctionalInterface
    interface Transfer {
        double run() throws Exception;
    }

    /** Seconds and CPU seconds (this JVM plus the peer process) per transfer and round. */
    static final class Results {
        /** Threads that used less CPU per GiB are left out of a round's thread line. */
        private static final double SHOWN_THREAD_CPU = 0.02;
        private final long size;
        private final Map<String, List<Double>> seconds = new LinkedHashMap<>();
        private final Map<String, List<Double>> cpuSeconds = new LinkedHashMap<>();

        private final List<String> only;

        Results(long size, List<String> only) {
            this.size = size;
            this.only = only;
        }

        /**
         * Runs a transfer, recording its time and the CPU both ends used ({@code peerPid} 0: this JVM
         * only); false when {@code --only} leaves it out.
         */
        boolean add(String name, long peerPid, Transfer transfer) throws Exception {
            if (!only.isEmpty() && only.stream().noneMatch(name::contains)) {
                return false;
            }
            Machine.flushDirtyPages();
            ThreadCpu self = ThreadCpu.start(ProcessHandle.current().pid());
            ThreadCpu peer = peerPid == 0 ? null : ThreadCpu.start(peerPid);
            double secs = transfer.run();
            double selfCpu = self.processSeconds();
            double peerCpu = peer == null ? 0 : peer.processSeconds();
            double cpu = selfCpu + peerCpu;
            seconds.computeIfAbsent(name, n -> new ArrayList<>()).add(secs);
            cpuSeconds.computeIfAbsent(name, n -> new ArrayList<>()).add(cpu);
            // The split says which end limits a transfer, and its threads which thread (the report keeps the sum).
            System.out.printf(Locale.ROOT, "  %-66s %8.0f MiB/s %6.2f CPU s/GiB (this JVM %.2f, peer %.2f)%n", name,
                    mibPerSecond(secs), cpuPerGib(cpu), cpuPerGib(selfCpu), cpuPerGib(peerCpu));
            printThreads("this JVM", self);
            if (peer != null) {
                printThreads("peer", peer);
            }
            return true;
        }

        /** The threads of one end that used at least {@link #SHOWN_THREAD_CPU} CPU s per GiB, most first. */
        private void printThreads(String end, ThreadCpu threads) {
            StringBuilder line = new StringBuilder("      ").append(end).append(" threads, CPU s/GiB:");
            threads.used().forEach((thread, cpu) -> {
                if (cpuPerGib(cpu) >= SHOWN_THREAD_CPU) {
                    line.append(String.format(Locale.ROOT, " %s %.2f;", thread, cpuPerGib(cpu)));
                }
            });
            System.out.println(line);
        }

        double cpuPerGib(double cpu) {
            return cpu / (size / (double) (1L << 30));
        }

        /** Median CPU seconds per GiB moved, both ends together (includes the checks after each transfer). */
        double medianCpuPerGib(String name) {
            return Report.median(cpuSeconds.get(name).stream().map(this::cpuPerGib).toList());
        }

        double mibPerSecond(double secs) {
            return size / (double) (1 << 20) / secs;
        }

        boolean has(String name) {
            return seconds.containsKey(name);
        }

        List<Double> rates(String name) {
            return seconds.get(name).stream().map(this::mibPerSecond).toList();
        }

        double median(String name) {
            return Report.median(rates(name));
        }

        int rounds() {
            return seconds.values().iterator().next().size();
        }
    }
}
