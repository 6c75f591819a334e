package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

/**
 * Issue 14 item 1: the server on a real PostgreSQL, through the shipped driver, its pool and the
 * same migrations as on H2. Runs only when {@code -Dvidshare.test.postgres=jdbc:postgresql://...}
 * names a database (with {@code vidshare.test.postgres.user} / {@code .password}, default
 * {@code vidshare} / empty); each run works in a schema of its own and drops it after.
 */
class PostgresTest {
    private static final String URL = System.getProperty("vidshare.test.postgres", "");
    private static final String USER = System.getProperty("vidshare.test.postgres.user", "vidshare");
    private static final String PASSWORD = System.getProperty("vidshare.test.postgres.password", "");

    @TempDir
    Path dir;
    private String schema;
    private TestServer server;

    @BeforeEach
    void freshSchema() throws Exception {
        assumeTrue(!URL.isBlank(), "PostgreSQL tests skipped: set -Dvidshare.test.postgres=jdbc:postgresql://HOST:PORT/DB"
                + " (and vidshare.test.postgres.user / .password) to run them");
        schema = "vs_test_" + UUID.randomUUID().toString().replace("-", "");
        execute(URL, "CREATE SCHEMA " + schema);
    }

    @AfterEach
    void dropSchema() throws Exception {
        if (server != null) {
            server.close();
        }
        if (schema != null) {
            execute(URL, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void aServerOnPostgresRegistersLogsInStoresAndListsAMovieAcrossARestart() throws Exception {
        String url = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        server = TestServer.startIn(dir.resolve("data"), Map.of("db.url", url, "db.user", USER, "db.password", PASSWORD));
        Path movie = MovieFiles.random(dir, "on-postgres.mp4", 256 * 1024, 14);
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST);
             VidShareClient alice = server.loggedIn("alice", "user")) {
            MovieFiles.upload(admin, movie, true);
            assertThat(Uploads.listed(alice, "on-postgres.mp4")).as("listed right after the upload").isTrue();
        }
        server.restart();
        try (VidShareClient alice = server.client()) {
            ClientReply login = alice.login("alice", TestServer.PASSWORD);
            assertThat(login.ok()).as(login.toString()).isTrue();
            assertThat(Uploads.listed(alice, "on-postgres.mp4")).as("listed after a restart").isTrue();
        }
        assertThat(MovieFiles.storedFileWithSha(server.dataDir(), MovieFiles.sha256(movie))).as("the stored file").isNotNull();
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection db = DriverManager.getConnection(url, USER, PASSWORD); Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }
}
