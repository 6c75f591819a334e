package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
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
    @TempDir
    Path dir;
    private String schema;
    private TestServer server;

    @BeforeEach
    void freshSchema() throws Exception {
        PostgresSupport.assumeAvailable();
        schema = PostgresSupport.newSchema();
    }

    @AfterEach
    void dropSchema() throws Exception {
        if (server != null) {
            server.close();
        }
        if (schema != null) {
            PostgresSupport.dropSchema(schema);
        }
    }

    @Test
    void aServerOnPostgresRegistersLogsInStoresAndListsAMovieAcrossARestart() throws Exception {
        server = TestServer.startIn(dir.resolve("data"), Map.of("db.url", PostgresSupport.urlOf(schema),
                "db.user", PostgresSupport.USER, "db.password", PostgresSupport.PASSWORD));
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

}
