package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vidshare.client.swing.model.Connection;
import org.vidshare.client.swing.model.Lang;
import org.vidshare.client.swing.model.MovieTableModel;
import org.vidshare.client.swing.model.Texts;
import org.vidshare.client.swing.model.Transfer;
import org.vidshare.client.swing.model.TransferListModel;
import org.vidshare.client.ClientReply;

/**
 * The Swing client's movie table and transfer models against a real server (headless): an
 * admin uploads through the model (check_movie first), a user lists with filters and search,
 * downloads with the non-VIP wait, cancels during the wait, resumes from a partial file, and
 * pays for a charged movie once.
 */
@ServerSettings({"download.free-wait-seconds=2"})
class SwingTransferModelTest extends OneServerPerClass {
    private static Path dir;
    private static Connection admin;
    private static Connection user;
    private static TransferListModel adminTransfers;
    private static TransferListModel userTransfers;
    private static final Texts TEXTS = new Texts(Lang.EN);

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("vidshare-swing-transfers");
        admin = signedIn("root", "admin");
        user = signedIn("mia", "user");
        adminTransfers = new TransferListModel(admin, Runnable::run, TEXTS);
        userTransfers = new TransferListModel(user, Runnable::run, TEXTS);
    }

    @AfterAll
    static void stop() {
        if (adminTransfers != null) {
            adminTransfers.shutdown();
            userTransfers.shutdown();
            admin.close();
            user.close();
        }
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
        return future.get(60, TimeUnit.SECONDS);
    }

    private static Path sample(String name, int size, int seed) throws Exception {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static long upload(Path file, boolean free) throws Exception {
        Transfer upload = adminTransfers.upload(file, free);
        get(upload.finished());
        assertThat(upload.state()).as(upload.error()).isEqualTo(Transfer.State.DONE);
        assertThat(upload.history()).startsWith(Transfer.State.CHECKING).contains(Transfer.State.RUNNING);
        assertThat(upload.bytesDone()).isEqualTo(Files.size(file));
        return upload.resultMovieId();
    }

    @Test
    void uploadListFilterSearchAndDownloadWithTheWaitCountdown() throws Exception {
        Path source = sample("Sintel trailer.mp4", 2 * 1024 * 1024 + 5, 1);
        long freeId = upload(source, true);
        long paidId = upload(sample("Tears of Steel.mkv", 300_000, 2), false);

        // The same content again: check_movie says it is there; the transfer fails readably.
        Path copy = dir.resolve("copy.mp4");
        Files.copy(source, copy);
        Transfer again = adminTransfers.upload(copy, true);
        get(again.finished());
        assertThat(again.state()).isEqualTo(Transfer.State.FAILED);
        assertThat(again.stateText()).as("movie %d", freeId).isEqualTo("Failed: Already on the server as \"Sintel trailer.mp4\"");

        MovieTableModel movies = new MovieTableModel(TEXTS);
        assertThat(get(movies.reload(user, Runnable::run)).ok()).isTrue();
        assertThat(movies.movies()).extracting(MovieTableModel.Movie::id).contains(freeId, paidId);
        MovieTableModel.Movie paid = movies.movies().stream().filter(m -> m.id() == paidId).findFirst().orElseThrow();
        assertThat(paid.free()).isFalse();
        assertThat(paid.priceCents()).isEqualTo(1000);
        int paidRow = movies.movies().indexOf(paid);
        assertThat(movies.display(paidRow, 2)).isEqualTo("Paid");
        assertThat(movies.display(paidRow, 3)).isEqualTo("10.00");
        assertThat(movies.display(paidRow, 4)).isEqualTo("293 KiB");

        movies.setMovieType("free");
        get(movies.reload(user, Runnable::run));
        assertThat(movies.movies()).extracting(MovieTableModel.Movie::id).contains(freeId).doesNotContain(paidId);
        movies.setMovieType("charge");
        get(movies.reload(user, Runnable::run));
        assertThat(movies.movies()).extracting(MovieTableModel.Movie::id).containsExactly(paidId);
        movies.setMovieType("all");
        movies.setQuery("SINTEL");
        assertThat(movies.request()).containsEntry("query", "SINTEL");
        get(movies.reload(user, Runnable::run));
        assertThat(movies.movies()).extracting(MovieTableModel.Movie::id).containsExactly(freeId);
        assertThat(movies.total()).isEqualTo(1);

        Path target = dir.resolve("downloaded-sintel.mp4");
        Transfer download = userTransfers.download(freeId, "Sintel trailer.mp4", target);
        long waitSeen = 0;
        while (!download.state().finished()) {
            waitSeen = Math.max(waitSeen, download.waitSecondsLeft());
            Thread.sleep(50);
        }
        assertThat(download.state()).as(download.error()).isEqualTo(Transfer.State.DONE);
        assertThat(download.history()).containsSubsequence(Transfer.State.CONNECTING, Transfer.State.WAITING,
                Transfer.State.RUNNING, Transfer.State.DONE);
        assertThat(waitSeen).isBetween(1L, 2L);
        assertThat(download.rate()).isPositive();
        assertThat(download.fraction()).isEqualTo(1.0);
        assertThat(Files.readAllBytes(target)).isEqualTo(Files.readAllBytes(source));
        assertThat(Transfer.partFile(target, freeId)).doesNotExist();
        assertThat(userTransfers.getValueAt(userTransfers.transfers().indexOf(download), 2)).isEqualTo("Done");
    }

    @Test
    void pauseDuringTheWaitKeepsThePartialAndResumeOnTheSameRowStartsAtItsLength() throws Exception {
        Path source = sample("Elephants Dream.mp4", 1024 * 1024, 3);
        long id = upload(source, true);
        Path target = dir.resolve("elephants.mp4");

        Transfer first = userTransfers.download(id, "Elephants Dream.mp4", target);
        int rows = userTransfers.getRowCount();
        while (first.state() != Transfer.State.WAITING && !first.state().finished()) {
            Thread.sleep(20);
        }
        userTransfers.pause(first);
        while (first.state() != Transfer.State.PAUSED && !first.state().finished()) {
            Thread.sleep(20);
        }
        assertThat(first.state()).isEqualTo(Transfer.State.PAUSED);
        assertThat(first.stateText()).isEqualTo("Paused");
        assertThat(target).doesNotExist();

        // As if an earlier run had stopped after 400000 bytes: the resume asks for offset 400000.
        byte[] all = Files.readAllBytes(source);
        Files.write(Transfer.partFile(target, id), Arrays.copyOf(all, 400_000));
        Transfer resumed = userTransfers.resume(first);
        assertThat(resumed).isSameAs(first);
        get(resumed.finished());
        assertThat(resumed.state()).as(resumed.error()).isEqualTo(Transfer.State.DONE);
        assertThat(resumed.startOffset()).isEqualTo(400_000);
        assertThat(resumed.bytesTotal()).isEqualTo(all.length);
        assertThat(Files.readAllBytes(target)).isEqualTo(all);
        assertThat(userTransfers.getRowCount()).as("no second row for the resume").isEqualTo(rows);
    }

    @Test
    void cancelStopsForGoodAndDeletesThePartial() throws Exception {
        long id = upload(sample("Caminandes.mp4", 600_000, 5), true);
        Path target = dir.resolve("caminandes.mp4");
        Transfer download = userTransfers.download(id, "Caminandes.mp4", target);
        while (download.state() != Transfer.State.WAITING && !download.state().finished()) {
            Thread.sleep(20);
        }
        userTransfers.cancel(download);
        get(download.finished());
        assertThat(download.state()).isEqualTo(Transfer.State.CANCELLED);
        assertThat(Transfer.partFile(target, id)).doesNotExist();
        assertThat(userTransfers.resume(download).state()).as("over for good").isEqualTo(Transfer.State.CANCELLED);
        userTransfers.clearFinished();
        assertThat(userTransfers.transfers()).doesNotContain(download);
    }

    @Test
    void aChargedMovieIsPaidOnceAndTheBalanceFollows() throws Exception {
        Connection buyer = signedIn("noah", "user");
        TransferListModel transfers = new TransferListModel(buyer, Runnable::run, TEXTS);
        try {
            long id = upload(sample("Cosmos Laundromat.mp4", 200_000, 4), false);
            Transfer refused = transfers.download(id, "Cosmos Laundromat.mp4", dir.resolve("cosmos-refused.mp4"));
            get(refused.finished());
            assertThat(refused.state()).isEqualTo(Transfer.State.FAILED);
            assertThat(refused.error()).startsWith("Not enough money in the wallet");

            ClientReply granted = get(admin.call(Map.of("type", "grant_credit", "user_id", buyer.account().userId(),
                    "amount_cents", 1500)));
            assertThat(granted.ok()).as(granted.toString()).isTrue();
            Transfer bought = transfers.download(id, "Cosmos Laundromat.mp4", dir.resolve("cosmos.mp4"));
            get(bought.finished());
            assertThat(bought.state()).as(bought.error()).isEqualTo(Transfer.State.DONE);
            assertThat(bought.history()).doesNotContain(Transfer.State.WAITING);
            get(buyer.refreshAccount());
            assertThat(buyer.account().balanceCents()).isEqualTo(500);

            MovieTableModel movies = new MovieTableModel(TEXTS);
            movies.setQuery("Cosmos");
            get(movies.reload(buyer, Runnable::run));
            assertThat(movies.movies().get(0).priceCents()).isZero();
        } finally {
            transfers.shutdown();
            buyer.close();
        }
    }

    @Test
    void anUploadDroppedMidwayResumesFromWhatTheServerHolds() throws Exception {
        Path source = sample("Agent 327.mp4", 1_200_000, 6);
        byte[] all = Files.readAllBytes(source);
        String fingerprint = org.vidshare.core.hash.Fingerprint.of(source);
        try (org.vidshare.client.VidShareClient dropped = server.client()) {
            assertThat(dropped.login("root", "pw-root").ok()).isTrue();
            // The same admin's upload, cut after 500000 bytes (the connection closes mid-payload).
            dropped.sendWithPayload(Map.of("type", "upload_movie", "file_name", "Agent 327.mp4", "file_size", all.length,
                    "file_md5", fingerprint, "is_free", 1, "offset", 0), Arrays.copyOf(all, 500_000));
        }
        long held = 0;
        long deadline = System.currentTimeMillis() + 10_000;
        while (held != 500_000 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            held = get(admin.call(Map.of("type", "check_movie", "file_md5", fingerprint, "file_size", all.length)))
                    .json().path("offset").asLong();
        }
        assertThat(held).isEqualTo(500_000);

        Transfer resumed = adminTransfers.upload(source, true);
        get(resumed.finished());
        assertThat(resumed.state()).as(resumed.error()).isEqualTo(Transfer.State.DONE);
        assertThat(resumed.startOffset()).isEqualTo(500_000);

        Path target = dir.resolve("agent.mp4");
        Transfer download = userTransfers.download(resumed.resultMovieId(), "Agent 327.mp4", target);
        get(download.finished());
        assertThat(Files.readAllBytes(target)).isEqualTo(all);
    }
}
