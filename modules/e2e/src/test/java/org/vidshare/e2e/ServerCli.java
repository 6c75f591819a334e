package org.vidshare.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged command line ({@code vidshare-server}, i.e. the dist module path) run as a child JVM,
 * as an operator runs it: for exit codes, stderr messages and stdin.
 */
final class ServerCli {
    private static final Pattern READY = Pattern.compile("VidShare listening on (\\S+):(\\d+)");
    private static final long TIMEOUT_SECONDS = 120;

    /** What a finished command left behind. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private ServerCli() {
    }

    static List<String> command(List<String> args) {
        return command(List.of(), args);
    }

    /** The command with extra JVM options (system properties) before the module path. */
    static List<String> command(List<String> jvmOptions, List<String> args) {
        String lib = System.getProperty("vidshare.dist.lib");
        if (lib == null || !Files.isDirectory(Path.of(lib))) {
            throw new IllegalStateException("vidshare.dist.lib does not name the packaged server: " + lib);
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                // Short-lived JVMs on a shared machine: start fast rather than peak fast.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-p", lib, "-m", "org.vidshare.server/org.vidshare.server.cli.Main"));
        command.addAll(args);
        return command;
    }

    /** Runs a command to its end, feeding {@code stdin} (null: none) and collecting both outputs. */
    static Result run(List<String> args, String stdin) throws IOException, InterruptedException {
        Path out = Files.createTempFile("vidshare-cli", ".out");
        Path err = Files.createTempFile("vidshare-cli", ".err");
        try {
            Process process = new ProcessBuilder(command(args))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("command did not finish: " + args);
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** A {@code serve} child that is listening; closing it sends SIGTERM and waits. */
    static final class Serving implements AutoCloseable {
        private final Process process;
        private final int port;
        private final StringBuffer output;
        private final Thread drain;

        private Serving(Process process, int port, StringBuffer output, Thread drain) {
            this.process = process;
            this.port = port;
            this.output = output;
            this.drain = drain;
        }

        int port() {
            return port;
        }

        /** Everything the child printed (stdout and stderr); complete once it was closed. */
        String output() {
            return output.toString();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /** Ends the server as a crash or {@code kill -9} would: no shutdown of any kind. */
        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }

        /** The child's process id (for /proc checks such as its open files). */
        long pid() {
            return process.pid();
        }

        /** Waits for the process to end by itself and returns its exit code (killed and failed if it does not). */
        int awaitExit(long seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("the server did not exit within " + seconds + " s");
            }
            return process.exitValue();
        }

        @Override
        public void close() throws InterruptedException {
            // SIGTERM through the handle: Process.destroy() also closes our end of the child's output,
            // so the drain would die on "Stream closed" and lose the lines still in the pipe (the last
            // requests' log lines, the shutdown's).
            process.toHandle().destroy();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            // The pipe ends with the process: the last lines are read soon after.
            drain.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        }
    }

    /** Starts {@code serve} with the given arguments and waits until it listens. */
    static Serving serve(List<String> args) throws IOException, InterruptedException {
        return serve(List.of(), args);
    }

    /** Starts {@code serve} in a JVM with extra options (system properties) and waits until it listens. */
    static Serving serve(List<String> jvmOptions, List<String> args) throws IOException, InterruptedException {
        return serve(jvmOptions, args, Map.of());
    }

    /** As {@link #serve(List, List)}, with extra environment variables for the child. */
    static Serving serve(List<String> jvmOptions, List<String> args, Map<String, String> environment)
            throws IOException, InterruptedException {
        return serve(jvmOptions, args, environment, true);
    }

    /**
     * As {@link #serve(List, List, Map)}; {@code echo} false keeps the child's lines out of the test's
     * output (still in {@link Serving#output()}): a flood of requests logs a line each.
     */
    static Serving serve(List<String> jvmOptions, List<String> args, Map<String, String> environment, boolean echo)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command(jvmOptions, args)).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        // A server that never gets ready must not hang the suite: kill it, and readLine ends.
        CountDownLatch listening = new CountDownLatch(1);
        Thread watchdog = new Thread(() -> {
            try {
                if (!listening.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "serve-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        StringBuffer seen = new StringBuffer();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher ready = READY.matcher(line);
            if (ready.find()) {
                listening.countDown();
                // Keep draining, or a chatty server would block on a full pipe.
                // Echoed into the test's output, where a failing test's server log is wanted.
                Thread drain = new Thread(() -> out.lines().forEach(l -> {
                    seen.append(l).append('\n');
                    if (echo) {
                        System.out.println("[serve] " + l);
                    }
                }), "serve-output");
                drain.setDaemon(true);
                drain.start();
                return new Serving(process, Integer.parseInt(ready.group(2)), seen, drain);
            }
        }
        process.waitFor();
        throw new IllegalStateException("serve exited with " + process.exitValue() + " before listening:\n" + seen);
    }
}
