package org.vidshare.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged server ({@code modules/dist/target/lib}) started as a child JVM on loopback, with
 * its own heap limit, so that a benchmark measures the real thing.
 */
public final class ChildServer implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("VidShare listening on (\\S+):(\\d+)");

    private final Process process;
    private final int port;

    private ChildServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static ChildServer start(Path distLib, Path dataDir, String heap, List<String> settings) throws IOException {
        return start(distLib, dataDir, heap, settings, Map.of());
    }

    /** As above, with environment variables for the child (secrets such as VIDSHARE_DB_PASSWORD, off its command line). */
    public static ChildServer start(Path distLib, Path dataDir, String heap, List<String> settings,
                                    Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-p", distLib.toString(),
                "-m", "org.vidshare.server/org.vidshare.server.cli.Main", "serve",
                "--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir.toString()));
        for (String setting : settings) {
            command.add("--set");
            command.add(setting);
        }
        return start(command, environment);
    }

    static ChildServer start(List<String> command) throws IOException {
        return start(command, Map.of());
    }

    /**
     * Any child JVM that prints {@code VidShare listening on <host>:<port>} once it serves (the
     * packaged server, the benchmarks' limit servers).
     */
    static ChildServer start(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher ready = READY.matcher(line);
            if (ready.find()) {
                Thread drain = new Thread(() -> {
                    // Read and dropped, in blocks: no String per line, so the reader costs the
                    // machine the benchmarks measure as little as a reader can.
                    char[] block = new char[64 << 10];
                    try {
                        while (out.read(block) >= 0) {
                            continue;
                        }
                    } catch (IOException closed) {
                        // The child was stopped: its output ends here.
                    }
                }, "child-server-output");
                drain.setDaemon(true);
                drain.start();
                return new ChildServer(process, Integer.parseInt(ready.group(2)));
            }
        }
        throw new IOException("server exited before it was ready, exit code " + waitFor(process));
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        waitFor(process);
    }
}
