package org.vidshare.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.vidshare.core.client.ClientReply;
import org.vidshare.core.client.TransferListener;
import org.vidshare.core.client.VidShareClient;
import org.vidshare.core.hash.Fingerprint;
import org.vidshare.core.hash.Passwords;

/**
 * Download throughput of the packaged server, as a child JVM with a 64 MiB heap, against the best a
 * plain Java program does on the same loopback in the same run: a {@code FileChannel.transferTo}
 * (sendfile) sender and the same blocking 64 KiB read loop the VidShare client uses. The ratio says
 * what the protocol, MINA and the server cost; the child's peak RSS says that a file many times the
 * heap streams without being held in memory.
 *
 * <pre>
 * java -p modules/bench/target/classes:modules/dist/target/lib \
 *      -m org.vidshare.bench/org.vidshare.bench.DownloadBenchmark [--size-mib 1024] [--runs 3]
 *      [--dist-lib modules/dist/target/lib] [--work DIR] [--heap 64m]
 * </pre>
 */
public final class DownloadBenchmark {
    private static final int CHUNK = 64 * 1024;
    private static final String PASSWORD = "bench-password";

    private DownloadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        long sizeMib = Long.parseLong(options.getOrDefault("--size-mib", "1024"));
        int runs = Integer.parseInt(options.getOrDefault("--runs", "3"));
        Path distLib = Path.of(options.getOrDefault("--dist-lib", "modules/dist/target/lib")).toAbsolutePath();
        String heap = options.getOrDefault("--heap", "64m");
        Path work = options.containsKey("--work") ? Files.createDirectories(Path.of(options.get("--work")))
                : Files.createTempDirectory("vidshare-download-bench");
        long size = sizeMib << 20;

        Path movie = work.resolve("movie.bin");
        Path target = work.resolve("download.bin");
        System.out.printf(Locale.ROOT, "DownloadBenchmark: %d MiB file, %d runs, server heap -Xmx%s, java %s, %d cpus%n",
                sizeMib, runs, heap, Runtime.version(), Runtime.getRuntime().availableProcessors());
        writeMovie(movie, size);

        List<Double> baseline = new ArrayList<>();
        List<Double> vidshare = new ArrayList<>();
        try (ChildServer server = ChildServer.start(distLib, work.resolve("server-data"), heap, List.of(
                "download.free-wait-seconds=0", "password.pbkdf2-iterations=1000",
                "server.idle-timeout-seconds=3600"))) {
            long movieId = uploadAsAdmin(server.port(), movie, size);
            try (VidShareClient user = loggedIn(server.port(), "bench-user", "user")) {
                for (int run = 1; run <= runs; run++) {
                    double plain = plainLoopbackCopy(movie, target, size);
                    baseline.add(plain);
                    Files.deleteIfExists(target);
                    double served = vidShareDownload(user, movieId, target, size);
                    vidshare.add(served);
                    if (Files.mismatch(movie, target) != -1) {
                        throw new IllegalStateException("downloaded file differs from the original");
                    }
                    Files.deleteIfExists(target);
                    System.out.printf(Locale.ROOT, "run %d: plain NIO loopback %.0f MiB/s, VidShare download %.0f MiB/s (%.0f%%)%n",
                            run, plain, served, 100 * served / plain);
                }
            }
            System.out.printf(Locale.ROOT, "median: plain NIO loopback %.0f MiB/s, VidShare download %.0f MiB/s (%.0f%%)%n",
                    median(baseline), median(vidshare), 100 * median(vidshare) / median(baseline));
            System.out.printf(Locale.ROOT, "server child JVM (-Xmx%s): peak RSS %s; load average at the end: %s%n",
                    heap, peakRss(server.pid()), loadAverage());
        } finally {
            Files.deleteIfExists(target);
            Files.deleteIfExists(movie);
        }
    }

    /** A file of the given size; blocks differ so that nothing along the way can shortcut repeats. */
    private static void writeMovie(Path movie, long size) throws IOException {
        byte[] block = new byte[8 << 20];
        new Random(42).nextBytes(block);
        ByteBuffer buffer = ByteBuffer.wrap(block);
        try (FileChannel out = FileChannel.open(movie, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long written = 0;
            long index = 0;
            while (written < size) {
                buffer.clear();
                buffer.putLong(0, index++);
                buffer.limit((int) Math.min(block.length, size - written));
                while (buffer.hasRemaining()) {
                    written += out.write(buffer);
                }
            }
        }
    }

    private static long uploadAsAdmin(int port, Path movie, long size) throws IOException {
        try (VidShareClient admin = loggedIn(port, "bench-admin", "admin")) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("type", "upload_movie");
            request.put("file_name", "bench.bin");
            request.put("file_size", size);
            request.put("file_md5", Fingerprint.of(movie));
            request.put("is_free", 1);
            request.put("offset", 0);
            long start = System.nanoTime();
            ClientReply reply = admin.upload(request, movie, TransferListener.NONE);
            if (!reply.ok()) {
                throw new IllegalStateException("upload failed: " + reply);
            }
            System.out.printf(Locale.ROOT, "uploaded in %.1f s (setup only; the upload section measures uploads)%n",
                    (System.nanoTime() - start) / 1e9);
            return reply.number("movie_id");
        }
    }

    private static VidShareClient loggedIn(int port, String name, String type) throws IOException {
        VidShareClient client = VidShareClient.connect("127.0.0.1", port);
        client.setReadTimeout(300_000);
        client.hello("en");
        client.call(Map.of("type", "register", "name", name, "password", Passwords.md5Hex(PASSWORD), "user_type", type));
        ClientReply login = client.login(name, PASSWORD);
        if (!login.ok()) {
            throw new IllegalStateException("login of " + name + " failed: " + login);
        }
        return client;
    }

    /** MiB/s of the payload, timed from the request to the last byte written. */
    private static double vidShareDownload(VidShareClient user, long movieId, Path target, long size) throws IOException {
        long start = System.nanoTime();
        ClientReply reply = user.download(Map.of("type", "download_movie", "movie_id", movieId, "offset", 0),
                target, TransferListener.NONE);
        long nanos = System.nanoTime() - start;
        if (!reply.ok() || reply.number("wait_time") != 0) {
            throw new IllegalStateException("download refused or waited: " + reply);
        }
        return mibPerSecond(size, nanos);
    }

    /**
     * The reference: a sender thread doing nothing but {@code transferTo} on loopback, and a receiver
     * reading as the VidShare client does (a buffered stream, 64 KiB chunks, written to a file).
     */
    private static double plainLoopbackCopy(Path movie, Path target, long size) throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            Thread sender = new Thread(() -> {
                try (SocketChannel peer = listener.accept();
                     FileChannel in = FileChannel.open(movie, StandardOpenOption.READ)) {
                    long sent = 0;
                    while (sent < size) {
                        sent += in.transferTo(sent, size - sent, peer);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "plain-sender");
            long start = System.nanoTime();
            sender.start();
            try (Socket socket = new Socket("127.0.0.1", ((InetSocketAddress) listener.getLocalAddress()).getPort());
                 FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                         StandardOpenOption.TRUNCATE_EXISTING)) {
                socket.setTcpNoDelay(true);
                InputStream in = new BufferedInputStream(socket.getInputStream(), CHUNK);
                byte[] chunk = new byte[CHUNK];
                ByteBuffer wrapped = ByteBuffer.wrap(chunk);
                long done = 0;
                while (done < size) {
                    int read = in.read(chunk, 0, (int) Math.min(CHUNK, size - done));
                    if (read < 0) {
                        throw new EOFException("plain copy ended after " + done + " bytes");
                    }
                    wrapped.clear().limit(read);
                    while (wrapped.hasRemaining()) {
                        out.write(wrapped, done + wrapped.position());
                    }
                    done += read;
                }
            }
            long nanos = System.nanoTime() - start;
            sender.join();
            return mibPerSecond(size, nanos);
        }
    }

    private static double mibPerSecond(long bytes, long nanos) {
        return (bytes / (double) (1 << 20)) / (nanos / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** The child's peak resident set (Linux {@code VmHWM}), or "n/a" elsewhere. */
    private static String peakRss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return line.substring("VmHWM:".length()).trim();
                }
            }
        } catch (IOException e) {
            // Not Linux, or the process is gone.
        }
        return "n/a";
    }

    /** The machine's 1/5/15-minute load averages (Linux), so that a reader can judge the noise. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }
}
