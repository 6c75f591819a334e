package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

/**
 * Issue 13 item 2: the schema is Flyway's. A database made before migrations existed (the tables
 * that EclipseLink's create-or-extend-tables made, no flyway_schema_history) is baselined at start
 * and its data served as before; a plain restart after that logs no warning. The packaged server
 * runs as a child JVM, so its whole log is read.
 */
class MigrationTest {
    private static final long CREDIT = 777;

    /** What the scripts after V1 added, taken away again (newest first). */
    private static final List<String> UNDO_AFTER_V1 = List.of(
            "DROP TABLE VS_UPLOAD_PARTIAL",
            "DROP TABLE VS_LOGIN_FAILURE",
            "ALTER TABLE VS_MOVIE DROP CONSTRAINT UQ_MOVIE_ACTIVE_CONTENT",
            "DROP TABLE VS_TRANSFER_TICKET",
            "ALTER TABLE VS_MOVIE DROP COLUMN DURATION_S", "ALTER TABLE VS_MOVIE DROP COLUMN WIDTH",
            "ALTER TABLE VS_MOVIE DROP COLUMN HEIGHT", "ALTER TABLE VS_MOVIE DROP COLUMN FRAME_RATE",
            "ALTER TABLE VS_MOVIE DROP COLUMN VIDEO_CODEC", "ALTER TABLE VS_MOVIE DROP COLUMN AUDIO_CODEC");

    @TempDir
    Path dir;

    @Test
    void aDatabaseFromBeforeMigrationsIsBaselinedKeepsItsDataAndRestartsWithoutWarnings() throws Exception {
        Path data = dir.resolve("data");
        Path movie = MovieFiles.random(dir, "old-times.mp4", 32 * 1024, 1313);
        String jdbcUrl = "jdbc:h2:file:" + data.toAbsolutePath().normalize().resolve("db").resolve("vidshare");
        // Today's server makes the data; then the schema is taken back to V1 (the schema of the server
        // before migrations, which SchemaTest holds to what EclipseLink generated), as an older server
        // left it. Each script after V1 has its undo here.
        try (ServerCli.Serving old = ServerCli.serve(List.of("serve",
                "--host", "127.0.0.1", "--port", "0", "--data-dir", data.toString(),
                "--set", "password.pbkdf2-iterations=1000"));
             VidShareClient admin = VidShareClient.connect("127.0.0.1", old.port());
             VidShareClient alice = VidShareClient.connect("127.0.0.1", old.port())) {
            admin.hello("en");
            alice.hello("en");
            assertThat(TestServer.register(admin, Admins.FIRST, "admin").ok()).isTrue();
            assertThat(admin.login(Admins.FIRST, TestServer.PASSWORD).ok()).isTrue();
            assertThat(TestServer.register(alice, "alice", "user").ok()).isTrue();
            assertThat(alice.login("alice", TestServer.PASSWORD).ok()).isTrue();
            MovieFiles.upload(admin, movie, false);
            assertThat(WalletSupport.grant(admin, WalletSupport.userId(alice), CREDIT).ok()).isTrue();
        }
        try (Connection db = DriverManager.getConnection(jdbcUrl, "sa", "");
             Statement statement = db.createStatement()) {
            for (String undo : UNDO_AFTER_V1) {
                statement.execute(undo);
            }
        }
        // Without its history table this is a database of the server before migrations.
        try (Connection db = DriverManager.getConnection(jdbcUrl, "sa", "");
             Statement statement = db.createStatement()) {
            statement.execute("DROP TABLE \"flyway_schema_history\"");
        }

        String upgrade = serveOnce(data, true);
        assertThat(upgrade).as("the first start's log").contains("Successfully baselined schema with version: 1");
        try (Connection db = DriverManager.getConnection(jdbcUrl, "sa", "")) {
            // Flyway's marker for the history table it created, the baseline (V1 did not run on the
            // old tables), then every later script.
            List<List<Object>> history = StoreInvariants.rows(db, "SELECT \"version\", \"type\" FROM \"flyway_schema_history\""
                    + " ORDER BY \"installed_rank\"");
            assertThat(history.subList(0, 2)).as("the schema history").containsExactly(Arrays.asList(null, "TABLE"),
                    List.of("1", "BASELINE"));
            assertThat(history.subList(2, history.size())).as("the migrations after the baseline")
                    .isNotEmpty().allSatisfy(row -> assertThat(row.get(1)).isEqualTo("SQL"));
        }

        String restart = serveOnce(data, true);
        assertThat(restart).as("a plain restart").contains("is up to date").doesNotContain("Migrating");
        assertThat(warnings(upgrade)).as("warnings at the upgrade").isEmpty();
        assertThat(warnings(restart)).as("warnings at a plain restart").isEmpty();
        StoreInvariants.check(data, jdbcUrl);
    }

    @Test
    void aNewDatabaseGetsTheBaselineScriptAndStartsWithoutWarnings() throws Exception {
        Path data = dir.resolve("data");
        String first = serveOnce(data, false);
        assertThat(first).contains("Migrating schema").contains("to version \"1 - baseline\"");
        assertThat(warnings(first)).as("warnings at the first start").isEmpty();
        String again = serveOnce(data, false);
        assertThat(again).contains("is up to date");
        assertThat(warnings(again)).as("warnings at a plain restart").isEmpty();
    }

    /**
     * Starts the packaged server on {@code data}, checks what the data of the first test must show
     * over the protocol (when {@code withData}), stops it and returns everything it logged.
     */
    private static String serveOnce(Path data, boolean withData) throws Exception {
        List<String> args = List.of("serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", data.toString(),
                "--set", "password.pbkdf2-iterations=1000");
        try (ServerCli.Serving serving = ServerCli.serve(args)) {
            try (VidShareClient client = VidShareClient.connect("127.0.0.1", serving.port())) {
                client.setReadTimeout(30_000);
                assertThat(client.hello("en").ok()).isTrue();
                if (withData) {
                    ClientReply login = client.login("alice", TestServer.PASSWORD);
                    assertThat(login.ok()).as(login.toString()).isTrue();
                    assertThat(WalletSupport.balance(client)).as("alice's balance").isEqualTo(CREDIT);
                    assertThat(Uploads.listed(client, "old-times.mp4")).as("the movie in the list").isTrue();
                }
            }
            serving.close();
            return serving.output();
        }
    }

    /** Lines at WARN or above (Logback; EclipseLink logs through it too), and EclipseLink's own console markers should they reappear. */
    private static List<String> warnings(String log) {
        return log.lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")
                || line.contains("[EL Warning]") || line.contains("[EL Severe]")).toList();
    }
}
