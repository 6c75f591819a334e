package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.swing.model.Connection;
import org.vidshare.client.swing.model.DownloadNames;
import org.vidshare.client.swing.model.Lang;
import org.vidshare.client.swing.model.Texts;
import org.vidshare.client.swing.model.Transfer;
import org.vidshare.client.swing.model.TransferListModel;

/**
 * Movie names that no OS should get as they are still save, through the Swing client's transfer
 * model, to distinct files with valid names on every OS (docs/security.md, client).
 */
@ServerSettings({"download.free-wait-seconds=0"})
class SwingDownloadNamesTest extends OneServerPerClass {
    private static final Texts TEXTS = new Texts(Lang.EN);
    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL", "COM1", "COM9", "LPT1");

    @Test
    void hostileNamesSaveToDistinctValidFilesAndSameNamesNeverShareAPartial(@TempDir Path dir) throws Exception {
        List<String> names = List.of(
                "電".repeat(83) + "ab.mp4",                   // exactly 255 UTF-8 bytes
                "長い名前".repeat(40) + ".mkv",                 // far past 255 bytes
                "CON", "NUL.mp4", "com1.txt", "Lpt1 .avi",
                "trailing dots...", "trailing spaces   ", "both . . ",
                "evil\u202Efdp.exe", "bidi\u2066isolate\u2069\u200F.mp4",
                "c1\u0085\u009bcontrols\u0007.mp4",
                "a/b\\c:d*e?f\"g<h>i|j.mp4", "..", "", "zero\u200Bwidth.mp4");
        try (Connection admin = signedIn("names-admin", "admin"); Connection user = signedIn("names-user", "user")) {
            TransferListModel adminTransfers = new TransferListModel(admin, Runnable::run, TEXTS);
            TransferListModel userTransfers = new TransferListModel(user, Runnable::run, TEXTS);
            try {
                byte[] first = bytes(1);
                byte[] second = bytes(2);
                long firstId = upload(adminTransfers, dir, "first.mp4", first);
                long secondId = upload(adminTransfers, dir, "second.mp4", second);
                Path downloads = Files.createDirectories(dir.resolve("downloads"));

                List<Transfer> started = new ArrayList<>();
                for (String name : names) {
                    started.add(userTransfers.download(firstId, name,
                            DownloadNames.target(downloads, name, firstId, p -> userTransfers.targetTaken(p, firstId))));
                    get(started.get(started.size() - 1).finished());
                }
                // Two movies of one name at once: distinct partials (movie id), and distinct targets.
                Path sameFirst = DownloadNames.target(downloads, "same.mp4", firstId, p -> userTransfers.targetTaken(p, firstId));
                Transfer a = userTransfers.download(firstId, "same.mp4", sameFirst);
                Path sameSecond = DownloadNames.target(downloads, "same.mp4", secondId, p -> userTransfers.targetTaken(p, secondId));
                Transfer b = userTransfers.download(secondId, "same.mp4", sameSecond);
                assertThat(Transfer.partFile(sameFirst, firstId)).isNotEqualTo(Transfer.partFile(sameSecond, secondId));
                assertThat(Transfer.partFile(sameFirst, firstId).getFileName().toString()).isEqualTo("same.mp4." + firstId + ".part");
                get(a.finished());
                get(b.finished());
                started.add(a);
                started.add(b);

                Set<String> seen = new HashSet<>();
                for (Transfer transfer : started) {
                    assertThat(transfer.state()).as(transfer.name() + ": " + transfer.error()).isEqualTo(Transfer.State.DONE);
                    String saved = transfer.file().getFileName().toString();
                    assertThat(transfer.file().getParent()).isEqualTo(downloads);
                    assertValidEverywhere(saved);
                    assertThat(seen.add(saved.toLowerCase(Locale.ROOT))).as("distinct: " + saved).isTrue();
                    assertThat(Files.readAllBytes(transfer.file())).isEqualTo(transfer.movieId() == firstId ? first : second);
                }
                assertThat(started.get(0).file().getFileName().toString().getBytes(StandardCharsets.UTF_8)).hasSize(255);
                assertThat(started.get(0).file().getFileName().toString()).isEqualTo("電".repeat(83) + "ab.mp4");
                assertThat(started.get(1).file().getFileName().toString()).endsWith(".mkv");
                try (var files = Files.list(downloads)) {
                    assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"))
                            .hasSize(started.size());
                }
            } finally {
                adminTransfers.shutdown();
                userTransfers.shutdown();
            }
        }
    }

    private static void assertValidEverywhere(String name) {
        assertThat(name.getBytes(StandardCharsets.UTF_8).length).as(name).isBetween(1, 255);
        assertThat(name).as(name).doesNotContainPattern("[\\\\/:*?\"<>|\\x00-\\x1f\\x7f-\\x9f]")
                .doesNotContainPattern("[\\u061c\\u200b-\\u200f\\u202a-\\u202e\\u2066-\\u2069]")
                .doesNotEndWith(".").doesNotEndWith(" ").isNotEqualTo("..");
        int dot = name.indexOf('.');
        String stem = (dot < 0 ? name : name.substring(0, dot)).strip().toUpperCase(Locale.ROOT);
        assertThat(RESERVED).as(name).doesNotContain(stem);
    }

    private static byte[] bytes(int seed) {
        byte[] bytes = new byte[50_000];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static long upload(TransferListModel transfers, Path dir, String name, byte[] bytes) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        Transfer upload = transfers.upload(file, true);
        get(upload.finished());
        assertThat(upload.state()).as(upload.error()).isEqualTo(Transfer.State.DONE);
        return upload.resultMovieId();
    }

    private static Connection signedIn(String name, String type) throws Exception {
        Connection connection = new Connection("127.0.0.1", server.port(), Lang.EN, Runnable::run, 60_000);
        get(connection.connect());
        ClientReply registered = get(connection.register(name, "pw-" + name, type));
        assertThat(registered.ok()).as(registered.toString()).isTrue();
        assertThat(get(connection.login(name, "pw-" + name, type)).ok()).isTrue();
        return connection;
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(120, TimeUnit.SECONDS);
    }
}
