package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;
import org.vidshare.server.config.ConfigKey;

/**
 * The release archive as an operator installs it: unpacked into an empty directory, its
 * bin/vidshare-server runs the server from the archive's own lib/ and plugins/, serves a client,
 * and stops on SIGTERM with exit code 0; conf/ names every key, systemd/ holds the unit.
 */
class ReleaseArchiveTest {
    private static final Pattern READY = Pattern.compile("VidShare listening on (\\S+):(\\d+)");

    @TempDir
    Path dir;

    @Test
    void theUnpackedArchiveServesAClientAndStopsOnSigtermWithExitCodeZero() throws Exception {
        Path home = unpack();
        Path launcher = home.resolve("bin").resolve("vidshare-server");
        assertThat(Files.isExecutable(launcher)).isTrue();
        assertThat(Files.readString(launcher)).as("the installed launcher never builds").doesNotContain("mvn ");
        assertThat(Files.isExecutable(home.resolve("bin").resolve("vidshare-client"))).isTrue();
        assertThat(jars(home.resolve("lib"))).anyMatch(n -> n.startsWith("vidshare-server-"))
                .anyMatch(n -> n.startsWith("logback-classic-")).noneMatch(n -> n.startsWith("slf4j-simple"));
        assertThat(jars(home.resolve("plugins"))).anyMatch(n -> n.startsWith("vidshare-plugin-login-"));

        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "serve", "--host", "127.0.0.1", "--port", "0",
                "--data-dir", dir.resolve("data").toString(), "--set", "password.pbkdf2-iterations=1000",
                "--set", "tls.port=0")
                .directory(dir.toFile()).redirectErrorStream(true);
        // To a file, not a pipe: what the JVM prints while it exits must all be there to read.
        Path log = dir.resolve("server.out");
        builder.redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("VIDSHARE_JAVA_OPTS", "-Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        Process server = builder.start();
        try {
            int port = awaitReady(server, log);
            int tlsPort;
            try (VidShareClient client = VidShareClient.connect("127.0.0.1", port)) {
                client.setReadTimeout(30_000);
                ClientReply hello = client.hello("en");
                assertThat(hello.ok()).isTrue();
                tlsPort = (int) hello.number("tls_port");
                ClientReply registered = TestServer.register(client, "operator-alice", "user");
                assertThat(registered.ok()).as(registered.toString()).isTrue();
                ClientReply login = client.login("operator-alice", TestServer.PASSWORD);
                assertThat(login.ok()).as(login.toString()).isTrue();
                assertThat(client.call(Map.of("type", "whoami")).string("name")).isEqualTo("operator-alice");
            }
            javax.net.ssl.SSLContext tls = org.vidshare.client.ClientTls.trustOnFirstUse("127.0.0.1", tlsPort,
                    dir.resolve("known_servers"), (h, f) -> true);
            try (VidShareClient client = VidShareClient.connectTls("127.0.0.1", tlsPort, tls, 30_000)) {
                assertThat(client.hello("en").ok()).as("TLS from the archive's lib/").isTrue();
            }
            server.destroy(); // SIGTERM
            assertThat(server.waitFor(120, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
            assertThat(server.exitValue()).as("exit code after SIGTERM\n" + Files.readString(log)).isZero();
        } finally {
            server.destroyForcibly();
        }
        assertThat(Files.readString(log)).as("the bundled plugins came from the archive")
                .containsPattern("PluginRegistry - loaded \\d+ commands: \\[.*login.*\\]").contains("VidShareServer - stopped");
        assertThat(Files.readString(log)).as("the archive's launcher resolves BoringSSL's module and its native library")
                .contains("TLS by boringssl");
        assertThat(dir.resolve("data").resolve("db")).isDirectory();
    }

    @Test
    void theExampleConfigurationNamesEveryKeyWithItsDefaultAndTheUnitRunsAsADedicatedUser() throws Exception {
        Path home = unpack();
        List<String> example = Files.readAllLines(home.resolve("conf").resolve("vidshare.properties.example"));
        for (ConfigKey key : ConfigKey.values()) {
            assertThat(example).as("conf/vidshare.properties.example names " + key.key())
                    .contains("#" + key.key() + "=" + key.defaultValue());
        }
        assertThat(example).as("every setting is commented out")
                .allMatch(line -> line.isBlank() || line.startsWith("#"));

        String unit = Files.readString(home.resolve("systemd").resolve("vidshare.service"));
        assertThat(unit).contains("User=vidshare").contains("Restart=on-failure").contains("StateDirectory=vidshare")
                .contains("--data-dir /var/lib/vidshare").contains("KillSignal=SIGTERM");

        // The desktop client's module path resolves on its own (no missing or duplicate module).
        Process check = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-p", home.resolve("client").resolve("lib").toString(), "--validate-modules")
                .redirectErrorStream(true).start();
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(said).isZero();
        assertThat(jars(home.resolve("client").resolve("lib"))).anyMatch(n -> n.startsWith("vidshare-swing-client-"));
    }

    private Path unpack() throws IOException, InterruptedException {
        Path archive = Path.of(System.getProperty("vidshare.dist.archive", "missing"));
        assertThat(archive).as("the release archive (mvn package builds modules/dist)").isRegularFile();
        Path into = Files.createDirectories(dir.resolve("install"));
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", into.toString())
                .redirectErrorStream(true).start();
        String said = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as(said).isZero();
        try (Stream<Path> top = Files.list(into)) {
            List<Path> dirs = top.toList();
            assertThat(dirs).as("one top directory").hasSize(1);
            assertThat(dirs.get(0).getFileName().toString()).startsWith("vidshare-");
            return dirs.get(0);
        }
    }

    private static List<String> jars(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** Waits until the server's output says it listens, and returns the port. */
    private static int awaitReady(Process process, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String output = Files.exists(log) ? Files.readString(log) : "";
            Matcher ready = READY.matcher(output);
            if (ready.find()) {
                return Integer.parseInt(ready.group(2));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + " before listening:\n" + output);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the server did not listen within 120 s:\n" + Files.readString(log));
    }
}
