package org.vidshare.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.vidshare.core.client.ClientReply;
import org.vidshare.core.client.TransferListener;
import org.vidshare.core.client.VidShareClient;
import org.vidshare.core.hash.Fingerprint;
import org.vidshare.core.hash.Passwords;

/**
 * Upload throughput of the packaged server (a child JVM) against two baselines over the same
 * loopback, with the same file in the same run: a plain NIO copy from socket to file, and the same
 * copy with SHA-256 on the receiving side (what an upload must do at the least). The goal is an
 * upload at >= 0.85 of the SHA-256 baseline. One warm-up round of each runs first and is not counted.
 *
 * <p>Usage: {@code UploadBenchmark [size-MiB=512] [rounds=3] [server-heap=64m]}; the packaged server
 * comes from the system property {@code vidshare.dist.lib} (default {@code modules/dist/target/lib}).
 */
public final class UploadBenchmark {
    private static final int CHUNK = 64 * 1024;
    private static final String PASSWORD = "bench-password";

    private UploadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long sizeMiB = args.length > 0 ? Long.parseLong(args[0]) : 512;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String heap = args.length > 2 ? args[2] : "64m";
        Path distLib = Path.of(System.getProperty("vidshare.dist.lib", "modules/dist/target/lib"));
        long size = sizeMiB << 20;

        Path work = Files.createTempDirectory("vidshare-upload-bench");
        try {
            Path file = work.resolve("upload.bin");
            String sha256 = writeFile(file, size);
            Map<String, List<Run>> runs = new LinkedHashMap<>();
            try (ChildServer server = ChildServer.start(distLib, Files.createDirectories(work.resolve("data")), heap,
                    List.of("password.pbkdf2-iterations=1000"));
                 VidShareClient admin = loggedInAdmin(server.port())) {
                // One untimed round first: the child server's JIT compiles SHA-256 (an intrinsic) only once
                // it is hot, while this JVM already hashed the whole file above; compare warm with warm.
                System.out.println("warm-up round (not counted):");
                record(new LinkedHashMap<>(), "plain NIO loopback copy", size, loopbackCopy(file, work.resolve("copy.bin"), false));
                record(new LinkedHashMap<>(), "NIO loopback copy + SHA-256", size, loopbackCopy(file, work.resolve("copy.bin"), true));
                record(new LinkedHashMap<>(), "VidShare upload_movie", size, upload(admin, file, sha256, server.pid()));
                System.out.println("measured rounds:");
                for (int round = 1; round <= rounds; round++) {
                    record(runs, "plain NIO loopback copy", size, loopbackCopy(file, work.resolve("copy.bin"), false));
                    record(runs, "NIO loopback copy + SHA-256", size, loopbackCopy(file, work.resolve("copy.bin"), true));
                    record(runs, "VidShare upload_movie (-Xmx" + heap + ")", size, upload(admin, file, sha256, server.pid()));
                }
            }
            print(sizeMiB, rounds, runs);
        } finally {
            deleteTree(work);
        }
    }

    /** A file of distinct megabytes, written a megabyte at a time; returns its SHA-256. */
    private static String writeFile(Path file, long size) throws IOException {
        MessageDigest sha256 = sha256();
        byte[] block = new byte[1 << 20];
        new Random(42).nextBytes(block);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long written = 0; written < size; written += block.length) {
                ByteBuffer.wrap(block).putLong(0, written);
                int length = (int) Math.min(block.length, size - written);
                sha256.update(block, 0, length);
                ByteBuffer buffer = ByteBuffer.wrap(block, 0, length);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /**
     * The baseline: the sender streams the file as the VidShare client does (64 KiB writes on a
     * blocking socket); the receiver reads the socket into a file, hashing as it goes when asked.
     * Returns the seconds from connect to the last byte on disk.
     */
    private static Run loopbackCopy(Path file, Path target, boolean hash) throws Exception {
        long size = Files.size(file);
        ExecutorService receiverThread = Executors.newSingleThreadExecutor();
        try (ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            long started = System.nanoTime();
            Future<Received> received = receiverThread.submit(() -> receive(listener, target, size, hash));
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.socket().getLocalPort());
                 FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                socket.setTcpNoDelay(true);
                OutputStream out = socket.getOutputStream();
                byte[] chunk = new byte[CHUNK];
                ByteBuffer buffer = ByteBuffer.wrap(chunk);
                long sent = 0;
                while (sent < size) {
                    buffer.clear();
                    int read = in.read(buffer, sent);
                    out.write(chunk, 0, read);
                    sent += read;
                }
                out.flush();
                if (received.get().bytes() != size) {
                    throw new IllegalStateException("the receiver got " + received.get().bytes() + " of " + size + " bytes");
                }
            }
            return new Run((System.nanoTime() - started) / 1e9, received.get().cpuNanos() / 1e9);
        } finally {
            receiverThread.shutdownNow();
            Files.deleteIfExists(target);
        }
    }

    /** What the receiving side of a baseline copy got, and the CPU time its thread spent on it. */
    private record Received(long bytes, long cpuNanos) {
    }

    private static Received receive(ServerSocketChannel listener, Path target, long size, boolean hash) throws IOException {
        long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        MessageDigest sha256 = hash ? sha256() : null;
        try (SocketChannel in = listener.accept();
             FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            long got = 0;
            while (got < size) {
                buffer.clear();
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                got += read;
                buffer.flip();
                if (sha256 != null) {
                    sha256.update(buffer.array(), 0, read);
                }
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
            if (sha256 != null) {
                sha256.digest();
            }
            return new Received(got, ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart);
        }
    }

    /** One upload through the real server, then a soft delete so that the next round may upload the same content. */
    private static Run upload(VidShareClient admin, Path file, String sha256, long serverPid) throws IOException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", "upload_movie");
        request.put("file_name", "bench.bin");
        request.put("file_size", Files.size(file));
        request.put("file_md5", Fingerprint.of(file));
        request.put("is_free", 1);
        request.put("sha256", sha256);
        double cpuStart = processCpuSeconds(serverPid);
        long started = System.nanoTime();
        ClientReply reply = admin.upload(request, file, TransferListener.NONE);
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpu = processCpuSeconds(serverPid) - cpuStart;
        if (!reply.ok()) {
            throw new IllegalStateException("upload failed: " + reply);
        }
        ClientReply deleted = admin.call(Map.of("type", "delete_movie", "delete_movie_id", reply.number("movie_id")));
        if (!deleted.ok()) {
            throw new IllegalStateException("delete failed: " + deleted);
        }
        return new Run(seconds, cpu);
    }

    /**
     * The CPU time (user + system, all threads: I/O, workers, GC, JIT) a process has used, from
     * /proc; NaN where there is no /proc. Clock ticks are taken as 100 per second (Linux's USER_HZ).
     */
    private static double processCpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After "pid (comm) ", field 14 (utime) and 15 (stime) of proc(5) are at index 11 and 12.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static VidShareClient loggedInAdmin(int port) throws IOException {
        VidShareClient client = VidShareClient.connect("127.0.0.1", port);
        client.setReadTimeout(600_000);
        String password = Passwords.md5Hex(PASSWORD);
        expectOk(client.hello("en"));
        expectOk(client.call(Map.of("type", "register", "name", "bench", "password", password, "user_type", "admin")));
        expectOk(client.login("bench", PASSWORD));
        return client;
    }

    private static void expectOk(ClientReply reply) {
        if (!reply.ok()) {
            throw new IllegalStateException("unexpected reply: " + reply);
        }
    }

    /** One timed transfer: its wall-clock seconds and the receiving side's CPU seconds. */
    private record Run(double seconds, double receiverCpuSeconds) {
    }

    private static void record(Map<String, List<Run>> runs, String name, long size, Run run) {
        runs.computeIfAbsent(name, n -> new ArrayList<>()).add(run);
        double mib = size / (1024.0 * 1024.0);
        System.out.printf("  %-40s %8.1f MiB/s %8.1f ms CPU per 100 MiB received%n", name, mib / run.seconds(),
                run.receiverCpuSeconds() * 1000 / mib * 100);
    }

    private static void print(long sizeMiB, int rounds, Map<String, List<Run>> runs) {
        double mib = sizeMiB;
        System.out.printf("%nUpload throughput, %d MiB file, loopback, median of %d rounds (%s, %d CPUs)%n",
                sizeMiB, rounds, Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.printf("| %-40s | %10s | %10s | %22s | %10s |%n", "transfer", "MiB/s", "vs SHA-256",
                "receiver CPU ms/100 MiB", "vs SHA-256");
        System.out.printf("|%s|%s|%s|%s|%s|%n", "-".repeat(42), "-".repeat(12), "-".repeat(12), "-".repeat(24),
                "-".repeat(12));
        List<String> names = new ArrayList<>(runs.keySet());
        double hashedRate = median(rates(runs.get(names.get(1)), mib));
        double hashedCpu = median(cpuPer100(runs.get(names.get(1)), mib));
        for (String name : names) {
            double rate = median(rates(runs.get(name), mib));
            double cpu = median(cpuPer100(runs.get(name), mib));
            System.out.printf("| %-40s | %10.1f | %10.2f | %22.0f | %10.2f |%n", name, rate, rate / hashedRate, cpu,
                    cpu / hashedCpu);
        }
        // On a shared machine the load swings between rounds; a round's upload and its SHA-256 copy
        // run back to back, so their ratio is steadier than the ratio of medians.
        List<Double> hashedRates = rates(runs.get(names.get(1)), mib);
        List<Double> uploadRates = rates(runs.get(names.get(2)), mib);
        List<Double> perRound = new ArrayList<>();
        for (int i = 0; i < uploadRates.size(); i++) {
            perRound.add(uploadRates.get(i) / hashedRates.get(i));
        }
        System.out.printf("%nupload / SHA-256 copy per round: %s, median %.2f%n", perRound.stream()
                .map(r -> String.format("%.2f", r)).toList(), median(perRound));
        System.out.printf("load average at the end: %s%n", loadAverage());
    }

    private static List<Double> rates(List<Run> runs, double mib) {
        return runs.stream().map(r -> mib / r.seconds()).toList();
    }

    private static List<Double> cpuPer100(List<Run> runs, double mib) {
        return runs.stream().map(r -> r.receiverCpuSeconds() * 1000 / mib * 100).toList();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }
}
