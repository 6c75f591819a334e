package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.WalletSupport.grant;
import static org.vidshare.e2e.WalletSupport.userId;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;

/**
 * Online backup ({@code vidshare-server backup} and the admin command behind it), restore as
 * docs/operations.md describes it, and the {@code status} health check, against real servers.
 */
class BackupRestoreTest {
    @TempDir
    Path dir;

    @Test
    void aBackupTakenWhileServingRestoresIntoANewDataDirWithTheSameCatalogAndBalances() throws Exception {
        Path backups = dir.resolve("backups");
        try (TestServer live = TestServer.startIn(dir.resolve("live"), Map.of("backup.dir", backups.toString(),
                "price.movie-regular-cents", "700"))) {
            Path free = MovieFiles.random(dir, "free.mp4", 120_000, 1);
            Path paid = MovieFiles.random(dir, "paid.mp4", 90_000, 2);
            long paidId;
            List<String> catalog;
            long aliceBalance;
            try (VidShareClient admin = Admins.loggedIn(live, Admins.FIRST);
                 VidShareClient alice = live.loggedIn("alice", "user")) {
                MovieFiles.upload(admin, free, true);
                paidId = MovieFiles.upload(admin, paid, false);
                assertThat(grant(admin, userId(alice), 2_000).ok()).isTrue();
                ClientReply bought = alice.download(DownloadSupport.request(paidId, 0), dir.resolve("bought"),
                        TransferListener.NONE);
                assertThat(bought.ok()).as(bought.toString()).isTrue();
                catalog = catalog(alice);
                aliceBalance = WalletSupport.wallet(alice).number("balance_cents");
                assertThat(aliceBalance).isEqualTo(1_300);
            }

            // Through the packaged command line, as an operator runs it; the password on stdin.
            ServerCli.Result result = ServerCli.run(List.of("backup", "--host", "127.0.0.1",
                    "--port", String.valueOf(live.port()), "--name", Admins.FIRST, "--to", "nightly"),
                    TestServer.PASSWORD + "\n");
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.stdout()).contains("backup written to " + backups.resolve("nightly"));
            Path backup = backups.resolve("nightly");
            assertThat(backup.resolve("vidshare-db.zip")).isRegularFile();
            try (Stream<Path> movies = Files.list(backup.resolve("movies"))) {
                assertThat(movies.count()).isEqualTo(2);
            }

            // Restore as docs/operations.md says: the zip into db/, the files into movies/.
            Path restoredDir = dir.resolve("restored");
            unzip(backup.resolve("vidshare-db.zip"), Files.createDirectories(restoredDir.resolve("db")));
            copyDirectory(backup.resolve("movies"), restoredDir.resolve("movies"));
            try (TestServer restored = TestServer.startIn(restoredDir, Map.of("price.movie-regular-cents", "700"));
                 VidShareClient alice = restored.client()) {
                assertThat(alice.login("alice", TestServer.PASSWORD).ok()).isTrue();
                assertThat(catalog(alice)).isEqualTo(catalog);
                assertThat(WalletSupport.wallet(alice).number("balance_cents")).isEqualTo(aliceBalance);
                // Bought before the backup, so the restored server serves it again without a charge.
                Path again = dir.resolve("again");
                ClientReply download = alice.download(DownloadSupport.request(paidId, 0), again, TransferListener.NONE);
                assertThat(download.ok()).as(download.toString()).isTrue();
                assertThat(Files.mismatch(again, paid)).isEqualTo(-1);
                assertThat(WalletSupport.wallet(alice).number("balance_cents")).isEqualTo(aliceBalance);
            }
        }
    }

    @Test
    void backupIsForAdminsAndWritesOnlyNewDirectoriesInsideBackupDir() throws Exception {
        Path backups = dir.resolve("allowed");
        try (TestServer live = TestServer.startIn(dir.resolve("live"), Map.of("backup.dir", backups.toString()));
             VidShareClient admin = Admins.loggedIn(live, Admins.FIRST);
             VidShareClient user = live.loggedIn("bob", "user")) {
            assertThat(user.call(Map.of("type", "backup")).code()).isEqualTo("forbidden");
            for (String outside : List.of("../escaped", dir.resolve("elsewhere").toString(), ".", "a/../..")) {
                ClientReply refused = admin.call(Map.of("type", "backup", "to", outside));
                assertThat(refused.code()).as(outside).isEqualTo("bad_request");
                assertThat(refused.msg()).contains("inside backup.dir");
            }
            assertThat(dir.resolve("escaped")).doesNotExist();
            assertThat(dir.resolve("elsewhere")).doesNotExist();

            ClientReply first = admin.call(Map.of("type", "backup"));
            assertThat(first.ok()).as(first.toString()).isTrue();
            Path written = Path.of(first.string("backup_dir"));
            assertThat(written.getParent()).isEqualTo(backups.toAbsolutePath().normalize());
            assertThat(written.resolve("vidshare-db.zip")).isRegularFile();

            Path movie = MovieFiles.random(dir, "linked.mp4", 50_000, 3);
            MovieFiles.upload(admin, movie, true);
            ClientReply named = admin.call(Map.of("type", "backup", "to", "weekly"));
            assertThat(named.ok()).as(named.toString()).isTrue();
            // The backup directory is on the data dir's file system here: the file is a hard link, not a copy.
            assertThat(named.number("movie_count")).isEqualTo(1);
            assertThat(named.number("movies_linked")).isEqualTo(1);
            try (Stream<Path> files = Files.list(backups.resolve("weekly").resolve("movies"))) {
                Path backedUp = files.findFirst().orElseThrow();
                assertThat(Files.mismatch(backedUp, movie)).isEqualTo(-1);
                assertThat(Files.getAttribute(backedUp, "unix:nlink")).isEqualTo(2);
            }
            ClientReply again = admin.call(Map.of("type", "backup", "to", "weekly"));
            assertThat(again.code()).isEqualTo("conflict");
            assertThat(backups.resolve("weekly").resolve("vidshare-db.zip")).isRegularFile();
        }
    }

    @Test
    void statusExitsZeroOnlyWhenTheServerAnswersHello() throws Exception {
        try (TestServer live = TestServer.startIn(dir.resolve("live"), Map.of())) {
            ServerCli.Result up = ServerCli.run(List.of("status", "--port", String.valueOf(live.port())), null);
            assertThat(up.exitCode()).as(up.toString()).isZero();
            assertThat(up.stdout()).contains("answers hello");
        }
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ServerCli.Result down = ServerCli.run(List.of("status", "--port", String.valueOf(closedPort),
                "--timeout-seconds", "5"), null);
        assertThat(down.exitCode()).as(down.toString()).isEqualTo(1);
        assertThat(down.stderr().strip()).startsWith("vidshare-server status: no hello from 127.0.0.1:" + closedPort)
                .doesNotContain("\n");
    }

    private static List<String> catalog(VidShareClient client) throws IOException {
        ClientReply list = client.call(Map.of("type", "get_movie_list"));
        assertThat(list.ok()).as(list.toString()).isTrue();
        return list.list("movie_list").stream().map(Object::toString).sorted().toList();
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                assertThat(target.startsWith(into)).as(entry.getName()).isTrue();
                Files.createDirectories(target.getParent());
                Files.copy((InputStream) in, target);
            }
        }
    }

    private static void copyDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
