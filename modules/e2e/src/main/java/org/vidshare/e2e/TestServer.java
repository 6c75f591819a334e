package org.vidshare.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.hash.Passwords;
import org.vidshare.server.VidShareServer;
import org.vidshare.server.config.ServerConfig;

/**
 * A real server for a test: loopback, port 0, a fresh data directory with a real H2 file, the
 * bundled plugins of the assembled distribution. Settings are test-sized (fast password hashing,
 * short waits).
 */
public final class TestServer implements AutoCloseable {
    public static final String PASSWORD = "secret-pass";

    private final Path dataDir;
    private final Map<String, String> settings;
    private VidShareServer server;

    private TestServer(Path dataDir, Map<String, String> settings) {
        this.dataDir = dataDir;
        this.settings = settings;
    }

    public static TestServer start() {
        return start(Map.of());
    }

    public static TestServer start(Map<String, String> overrides) {
        try {
            return startIn(Files.createTempDirectory("vidshare-e2e"), overrides);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestServer startIn(Path dataDir, Map<String, String> overrides) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.host", "127.0.0.1");
        settings.put("server.port", "0");
        settings.put("password.pbkdf2-iterations", "1000");
        // Every test connects from 127.0.0.1, far more often than a person: the per-address hashing
        // limits (docs/security.md) are lifted here; the tests of those limits set their own.
        settings.put("password.hash-queue", "10000");
        settings.put("password.max-concurrent-per-address", "10000");
        settings.put("password.max-hashes-per-address-per-minute", "1000000");
        // Races of many connections must race in the workers, not take turns in 127.0.0.1's share of them.
        settings.put("server.max-busy-workers-per-address", "1024");
        settings.put("download.free-wait-seconds", "1");
        settings.put("plugins.bundled-dir", bundledPluginsDir().toString());
        // A restart with a test's half-sent upload still open waits this long, not the default 30 s.
        settings.put("server.shutdown-grace-seconds", "5");
        settings.putAll(overrides);
        TestServer test = new TestServer(dataDir, settings);
        test.restart();
        return test;
    }

    /**
     * The distribution's plugins directory (system property {@code vidshare.dist.plugins}): the
     * servers here load the bundled plugins from it, each jar its own layer, like the packaged server.
     */
    public static Path bundledPluginsDir() {
        String dir = System.getProperty("vidshare.dist.plugins");
        try (Stream<Path> jars = dir == null ? Stream.empty() : Files.list(Path.of(dir))) {
            if (jars.noneMatch(p -> p.getFileName().toString().endsWith(".jar"))) {
                throw new IllegalStateException("vidshare.dist.plugins names no directory of plugin jars: " + dir
                        + " (build the plugins and dist first: mvn -pl modules/plugins,modules/e2e -am -amd ...)");
            }
        } catch (IOException e) {
            throw new IllegalStateException("vidshare.dist.plugins names no directory of plugin jars: " + dir, e);
        }
        return Path.of(dir).toAbsolutePath().normalize();
    }

    /** Stops and starts again on the same data directory (a new port). */
    public void restart() {
        if (server != null) {
            server.close();
        }
        ServerConfig config = new ServerConfig().set("data.dir", dataDir.toString());
        settings.forEach(config::set);
        try {
            server = VidShareServer.start(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.port();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The JDBC URL of the server's H2 file, for checks while the server is closed. */
    public String jdbcUrl() {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("db").resolve("vidshare");
    }

    /** The Prometheus endpoint's port (metrics.port set), else 0. */
    public int metricsPort() {
        return server.metricsPort();
    }

    /** Login sessions alive on the server now. */
    public int liveSessionCount() {
        return server.liveSessionCount();
    }

    /** Accounts with at least one live session on the server now. */
    public int loggedInAccountCount() {
        return server.loggedInAccountCount();
    }

    /** TCP connections open on the server now. */
    public int openConnectionCount() {
        return server.openConnectionCount();
    }

    /** A connected client that has said hello in English. */
    public VidShareClient client() throws IOException {
        VidShareClient client = raw();
        ClientReply hello = client.hello("en");
        if (!hello.ok()) {
            throw new IllegalStateException("hello failed: " + hello);
        }
        return client;
    }

    /** A connected client that has said nothing yet. */
    public VidShareClient raw() throws IOException {
        VidShareClient client = VidShareClient.connect("127.0.0.1", port());
        client.setReadTimeout(30_000);
        return client;
    }

    public static ClientReply register(VidShareClient client, String name, String userType) throws IOException {
        return client.call(Map.of("type", "register", "name", name,
                "password", Passwords.md5Hex(PASSWORD), "user_type", userType));
    }

    /** Registers (if new) and logs in on a fresh connection; the client keeps the session. */
    public VidShareClient loggedIn(String name, String userType) throws IOException {
        VidShareClient client = client();
        ClientReply registered = register(client, name, userType);
        // An existing account answers conflict; an existing admin, registered without an admin session, forbidden.
        boolean exists = "conflict".equals(registered.code())
                || ("admin".equals(userType) && "forbidden".equals(registered.code()));
        if (!registered.ok() && !exists) {
            throw new IllegalStateException("register failed: " + registered);
        }
        ClientReply login = client.login(name, PASSWORD);
        if (!login.ok()) {
            throw new IllegalStateException("login failed: " + login);
        }
        return client;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Closes the server and deletes its data directory. */
    public void closeAndDelete() {
        close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
