package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.VidShareClient;

/**
 * A database file that a halted server left behind, copied from the data directory of a run of
 * {@code CrashConsistencyTest.anUploadCutAfterItsCommitIsPublishedAfterTheRestart} whose restart
 * hung: it holds an upload lease row written by a transaction that was in flight at the halt,
 * with no undo record. H2 2.5.252 reads that row, but every UPDATE or DELETE of it spins in its
 * row lock forever (plain JDBC does the same), and the server's start, which releases the
 * previous run's leases, never ended. The server now compacts an embedded database that the last
 * run did not close (its marker file is still there) before it opens it.
 */
class UncleanStopRecoveryTest {
    @TempDir
    Path data;

    @Test
    void aDatabaseTheLastRunDidNotCloseIsCompactedAndTheServerStarts() throws Exception {
        Path db = Files.createDirectories(data.resolve("db"));
        try (InputStream left = getClass().getResourceAsStream("/h2-left-by-a-halt/vidshare.mv.db")) {
            Files.copy(left, db.resolve("vidshare.mv.db"));
        }
        Path marker = db.resolve("vidshare.open");
        Files.writeString(marker, "the run that was halted\n");
        // Without the compaction the start spins on the lease row, and serve's watchdog kills it.
        try (ServerCli.Serving server = ServerCli.serve(List.of("serve", "--host", "127.0.0.1", "--port", "0",
                "--data-dir", data.toString(), "--set", "password.pbkdf2-iterations=1000"))) {
            try (VidShareClient client = VidShareClient.connect("127.0.0.1", server.port())) {
                assertThat(client.hello("en").ok()).as("hello after the start").isTrue();
            }
            assertThat(server.output()).contains("did not close it");
            assertThat(Files.readString(marker)).as("the marker, now of the run serving")
                    .doesNotContain("the run that was halted");
        }
        assertThat(marker).as("the marker after a clean stop").doesNotExist();
    }

    @Test
    void aCleanStopLeavesNothingToCompact() throws Exception {
        List<String> serve = List.of("serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", data.toString(),
                "--set", "password.pbkdf2-iterations=1000");
        try (ServerCli.Serving first = ServerCli.serve(serve)) {
            assertThat(data.resolve("db").resolve("vidshare.open")).as("the marker while serving").exists();
        }
        try (ServerCli.Serving second = ServerCli.serve(serve)) {
            assertThat(second.output()).doesNotContain("did not close it");
        }
    }
}
