package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;

/**
 * The packaged server's log, as an operator reads it: one backend (Logback) for the server, its
 * libraries and the recharge plugin's System.Logger (through the JUL bridge), ISO-8601 times, a
 * line per request with its address, user, code, time and bytes (a download's transfer done, or
 * cut when the client went first); to {@code logging.file} when set.
 */
class LoggingTest {
    private static final String ISO_TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) .*";
    private static final int SIZE = 150_000;

    @TempDir
    Path dir;

    @Test
    void everyLineGoesToTheLoggingFileWithAnIsoTimeAndEachRequestHasItsLine() throws Exception {
        Path logFile = dir.resolve("logs").resolve("vidshare.log");
        Path movie = MovieFiles.random(dir, "logged.mp4", SIZE, 51);
        Path cutMovie = MovieFiles.random(dir, "cut.mp4", 48 << 20, 52);
        long cutMovieId;
        List<String> args = List.of("serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", dir.resolve("data").toString(),
                "--set", "password.pbkdf2-iterations=1000", "--set", "download.free-wait-seconds=0",
                "--set", "logging.file=" + logFile, "--set", "wallet.payment-provider=demo");
        String stdout;
        int exit;
        try (ServerCli.Serving serving = ServerCli.serve(args)) {
            try (VidShareClient admin = VidShareClient.connect("127.0.0.1", serving.port())) {
                admin.setReadTimeout(30_000);
                assertThat(admin.hello("en").ok()).isTrue();
                assertThat(TestServer.register(admin, "logboss", "admin").ok()).isTrue();
                assertThat(admin.login("logboss", TestServer.PASSWORD).ok()).isTrue();
                // Written in batches, flushed after each: on a quiet server the line is in the file at once.
                assertThat(awaitLineIn(logFile, " login from=127.0.0.1 user=- code=ok ")).isTrue();
                long movieId = MovieFiles.upload(admin, movie, true);
                Path received = dir.resolve("received.mp4");
                ClientReply download = admin.download(DownloadSupport.request(movieId, 0), received, TransferListener.NONE);
                assertThat(download.ok()).as(download.toString()).isTrue();
                cutMovieId = MovieFiles.upload(admin, cutMovie, true);
            }
            try (VidShareClient admin = VidShareClient.connect("127.0.0.1", serving.port())) {
                admin.setReadTimeout(30_000);
                assertThat(admin.login("logboss", TestServer.PASSWORD).ok()).isTrue();
                long cutId = cutMovieId;
                assertThatThrownBy(() -> admin.download(DownloadSupport.request(cutId, 0), dir.resolve("cut.part"),
                        (done, total) -> {
                            if (done >= 1 << 20) {
                                throw new UncheckedIOException(new IOException("the viewer gave up"));
                            }
                        })).isInstanceOf(UncheckedIOException.class);
            } // closed with most of the movie unsent
            assertThat(awaitLineIn(logFile, " download_movie transfer cut from=127.0.0.1 user=logboss ms=")).isTrue();
            try (VidShareClient user = VidShareClient.connect("127.0.0.1", serving.port())) {
                user.setReadTimeout(30_000);
                assertThat(user.hello("en").ok()).isTrue();
                assertThat(TestServer.register(user, "logpayer", "user").ok()).isTrue();
                assertThat(user.login("logpayer", TestServer.PASSWORD).ok()).isTrue();
                ClientReply recharge = user.call(Map.of("type", "recharge", "amount_cents", 700));
                assertThat(recharge.ok()).as(recharge.toString()).isTrue();
            }
            serving.close();
            stdout = serving.output();
            exit = serving.awaitExit(60);
        }
        assertThat(exit).as("exit code after SIGTERM").isZero();
        assertThat(logFile).exists();
        List<String> lines = Files.readAllLines(logFile);
        assertThat(lines).isNotEmpty().allMatch(line -> line.matches(ISO_TIME) || line.startsWith("\t") || line.startsWith("Caused"));
        assertThat(lines).anyMatch(l -> l.matches(".* org\\.vidshare\\.requests - \\[[0-9a-f]{8}\\] login from=127\\.0\\.0\\.1 user=- code=ok ms=\\d+ bytes=0"));
        assertThat(lines).anyMatch(l -> l.matches(".* \\[[0-9a-f]{8}\\] upload_movie from=127\\.0\\.0\\.1 user=logboss code=ok ms=\\d+ bytes=" + SIZE));
        assertThat(lines).anyMatch(l -> l.matches(".* \\[[0-9a-f]{8}\\] download_movie transfer done from=127\\.0\\.0\\.1 user=logboss ms=\\d+ bytes=" + SIZE));
        assertThat(lines).as("a download the client cut is logged cut, not done")
                .filteredOn(l -> l.contains(" download_movie transfer ")).hasSize(2)
                .anyMatch(l -> l.matches(".* \\[[0-9a-f]{8}\\] download_movie transfer cut from=127\\.0\\.0\\.1 user=logboss ms=\\d+"));
        assertThat(lines).as("the plugin's System.Logger through the JUL bridge")
                .anyMatch(l -> l.contains("org.vidshare.plugin.recharge.RechargeHandler - recharge user="));
        assertThat(lines).as("libraries log through it too").anyMatch(l -> l.contains("org.flywaydb"));
        assertThat(lines).as("a clean stop").anyMatch(l -> l.contains("VidShareServer - stopped"));
        assertThat(stdout).as("standard output keeps only the ready line")
                .contains("VidShare listening on").doesNotContain("org.vidshare.requests").doesNotContain("[EL ");
    }

    /**
     * Standard output, the default (the journal under systemd): lines are written in batches by a
     * thread of their own, and none waits for a batch to fill: on a quiet server a request's line
     * is out while the connection is still open. The lines logged while the server stops are out
     * before the process ends.
     */
    @Test
    void onStandardOutputEachLineIsOutPromptlyAndTheStopsLinesBeforeTheExit() throws Exception {
        List<String> args = List.of("serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", dir.resolve("data").toString(),
                "--set", "password.pbkdf2-iterations=1000");
        String stdout;
        int exit;
        try (ServerCli.Serving serving = ServerCli.serve(args)) {
            try (VidShareClient user = VidShareClient.connect("127.0.0.1", serving.port())) {
                user.setReadTimeout(30_000);
                assertThat(user.hello("en").ok()).isTrue();
                assertThat(TestServer.register(user, "quietone", "user").ok()).isTrue();
                List<RequestLog.Line> registered = RequestLog.await(serving,
                        line -> line.type().equals("register") && line.code().equals("ok"), 1);
                assertThat(registered).hasSize(1);
                assertThat(serving.output()).as("the writer thread writes them").doesNotContain("failed to append");
            }
            serving.close();
            stdout = serving.output();
            exit = serving.awaitExit(60);
        }
        assertThat(exit).as("exit code after SIGTERM").isZero();
        List<String> lines = stdout.lines().filter(l -> !l.startsWith("VidShare listening on")).toList();
        assertThat(lines).isNotEmpty().allMatch(line -> line.matches(ISO_TIME) || line.startsWith("\t") || line.startsWith("Caused"));
        assertThat(lines).as("a clean stop, logged after SIGTERM").anyMatch(l -> l.contains("VidShareServer - stopped"));
    }

    private static boolean awaitLineIn(Path file, String part) throws Exception {
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            if (Files.exists(file) && Files.readAllLines(file).stream().anyMatch(l -> l.contains(part))) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
