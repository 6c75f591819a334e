package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

/**
 * A large request frame costs the server its size while it is decoded, not for the rest of the
 * connection's life: the packaged server, as a child JVM with a 64 MiB heap that exits on
 * OutOfMemoryError, serves 120 open connections that each sent one frame of almost
 * {@code protocol.max-header-bytes} (1 MiB). Before the fix every connection kept a decode buffer
 * of that size for as long as it stayed open (a ping keeps it open), so a few hundred connections
 * exhausted any heap.
 */
class HeaderMemoryTest {
    private static final Pattern READY = Pattern.compile("VidShare listening on (\\S+):(\\d+)");
    private static final int CONNECTIONS = 120;
    private static final int PADDING = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void bigFramesOnManyOpenConnectionsFitInA64MegabyteHeap() throws Exception {
        Path dataDir = Files.createDirectories(dir.resolve("data"));
        Process server = startServer(dataDir);
        List<VidShareClient> open = new ArrayList<>();
        try {
            int port = awaitPort(server);
            String padding = "x".repeat(PADDING);
            for (int i = 0; i < CONNECTIONS; i++) {
                VidShareClient client = VidShareClient.connect("127.0.0.1", port);
                open.add(client);
                client.setReadTimeout(30_000);
                assertThat(client.hello("en").ok()).isTrue();
                ClientReply reply = client.call(Map.of("type", "ping", "padding", padding));
                assertThat(reply.ok()).as("big ping %d: %s", i, reply).isTrue();
            }
            for (VidShareClient client : open) {
                assertThat(client.call(Map.of("type", "ping")).ok()).isTrue();
            }
            try (VidShareClient late = VidShareClient.connect("127.0.0.1", port)) {
                late.setReadTimeout(30_000);
                assertThat(late.hello("en").ok()).isTrue();
            }
            assertThat(server.isAlive()).isTrue();
        } finally {
            for (VidShareClient client : open) {
                client.close();
            }
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        }
    }

    private static Process startServer(Path dataDir) throws IOException {
        String lib = System.getProperty("vidshare.dist.lib");
        if (lib == null || !Files.isDirectory(Path.of(lib))) {
            throw new IllegalStateException("vidshare.dist.lib does not name the packaged server: " + lib);
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+ExitOnOutOfMemoryError",
                "-p", lib, "-m", "org.vidshare.server/org.vidshare.server.cli.Main", "serve",
                "--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir.toString(),
                "--set", "password.pbkdf2-iterations=1000",
                // The default is 64 KiB now; this test is about the largest frames an operator may allow.
                "--set", "protocol.max-header-bytes=1048576"));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static int awaitPort(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher ready = READY.matcher(line);
            if (ready.find()) {
                // Keep draining, or a chatty server blocks on a full pipe.
                Thread drain = new Thread(() -> out.lines().forEach(System.out::println), "header-memory-test-server-output");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(ready.group(2));
            }
        }
        throw new IllegalStateException("server exited before listening:\n" + seen);
    }
}
