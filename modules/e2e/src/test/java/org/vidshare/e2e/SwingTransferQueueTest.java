package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;
import org.vidshare.client.swing.model.Backoff;
import org.vidshare.client.swing.model.Connection;
import org.vidshare.client.swing.model.Lang;
import org.vidshare.client.swing.model.Texts;
import org.vidshare.client.swing.model.Transfer;
import org.vidshare.client.swing.model.TransferListModel;
import org.vidshare.client.swing.model.TransferStore;
import org.vidshare.core.hash.Fingerprint;

/**
 * The Swing client's transfer queue against a real server (headless, issue 17 item 1): the queue
 * is kept in a file and a restarted client resumes it; a download cut by a real server restart
 * (same port, same data) reconnects with back-off and finishes byte-identical by itself; pause and
 * resume stay on one row and a non-VIP user waits once; an existing file is replaced only when
 * the prompt says so. Downloads go through a {@link ThrottledRelay} so that they are still running
 * when the test pauses them or stops the server.
 */
class SwingTransferQueueTest {
    private static final int SIZE = 16 << 20;
    private static final long DOWN_RATE = 4L << 20;
    private static final Texts TEXTS = new Texts(Lang.EN);

    private final List<AutoCloseable> closing = new ArrayList<>();
    private TestServer server;
    private Path dir;
    private Path movie;

    @BeforeEach
    void files() throws Exception {
        dir = Files.createTempDirectory("vidshare-queue");
        movie = dir.resolve("source.bin");
        byte[] bytes = new byte[SIZE];
        new Random(17).nextBytes(bytes);
        Files.write(movie, bytes);
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        if (server != null) {
            server.closeAndDelete();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A server on a port of its own that a restart keeps; cut transfers are cut at once (no shutdown grace). */
    private void startServer(String freeWaitSeconds) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        server = TestServer.start(Map.of("server.port", String.valueOf(port), "server.shutdown-grace-seconds", "0",
                "download.free-wait-seconds", freeWaitSeconds));
    }

    private long uploadFree() throws Exception {
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            ClientReply uploaded = admin.upload(Map.of("type", "upload_movie", "file_name", "Big Buck Bunny.mp4",
                    "file_size", SIZE, "file_md5", Fingerprint.of(movie), "is_free", 1, "offset", 0),
                    movie, TransferListener.NONE);
            assertThat(uploaded.ok()).as(uploaded.toString()).isTrue();
            return uploaded.number("movie_id");
        }
    }

    private ThrottledRelay slowLink() throws Exception {
        ThrottledRelay relay = new ThrottledRelay(server.port(), 0, DOWN_RATE);
        closing.add(relay);
        return relay;
    }

    /** A signed-in non-VIP user's connection through {@code port}, registered when new. */
    private Connection user(int port, String name) throws Exception {
        Connection connection = new Connection("127.0.0.1", port, Lang.EN, Runnable::run, 60_000);
        closing.add(connection);
        connection.setReadTimeoutMillis(20_000);
        get(connection.connect());
        ClientReply registered = get(connection.register(name, "pw-" + name, "user"));
        assertThat(registered.ok() || "conflict".equals(registered.code())).as(registered.toString()).isTrue();
        assertThat(get(connection.login(name, "pw-" + name, "user")).ok()).isTrue();
        return connection;
    }

    private TransferListModel queue(Connection connection, TransferStore store) {
        TransferListModel model = new TransferListModel(connection, Runnable::run, TEXTS, store);
        closing.add(model::shutdown);
        return model;
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(90, TimeUnit.SECONDS);
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static void waitForBytes(Transfer transfer) throws InterruptedException {
        waitUntil(() -> transfer.state().finished()
                || transfer.state() == Transfer.State.RUNNING && transfer.fraction() >= 0.15, "a running download");
        assertThat(transfer.state()).as(transfer.error()).isEqualTo(Transfer.State.RUNNING);
    }

    @Test
    @Timeout(150)
    void theQueueIsKeptInAFileAndARestartedClientResumesItFromThePartial() throws Exception {
        startServer("1");
        long id = uploadFree();
        ThrottledRelay relay = slowLink();
        Path stateDir = dir.resolve("state");
        Path target = dir.resolve("Big Buck Bunny.mp4");

        Connection first = user(relay.port(), "quinn");
        TransferListModel before = queue(first, TransferStore.in(stateDir, problem -> { }));
        Transfer download = before.download(id, "Big Buck Bunny.mp4", target);
        waitForBytes(download);
        String saved = Files.readString(stateDir.resolve(TransferStore.FILE_NAME));
        assertThat(saved).contains("\"movie_id\" : " + id, target.toAbsolutePath().toString(), "\"account\" : \"quinn/user\"");

        // The window closes mid-download: the transfer pauses, the partial and the queue file stay.
        before.shutdown();
        waitUntil(() -> download.state() == Transfer.State.PAUSED, "paused by the shutdown");
        first.close();
        long partial = Files.size(Transfer.partFile(target, id));
        assertThat(partial).isPositive().isLessThan(SIZE);
        assertThat(Files.readString(stateDir.resolve(TransferStore.FILE_NAME))).contains("\"movie_id\" : " + id);

        // The next run: a new connection and model on the same state directory.
        Connection second = user(relay.port(), "quinn");
        TransferListModel after = queue(second, TransferStore.in(stateDir, problem -> { }));
        List<Transfer> restored = after.restoreSaved();
        assertThat(restored).hasSize(1);
        Transfer again = restored.get(0);
        assertThat(again.state()).isEqualTo(Transfer.State.PAUSED);
        assertThat(again.file()).isEqualTo(target.toAbsolutePath());
        assertThat(again.bytesDone()).isEqualTo(partial);
        assertThat(after.restoreSaved()).as("restored once").isEmpty();
        assertThat(after.getRowCount()).isEqualTo(1);

        after.resumeAll(restored);
        get(again.finished());
        assertThat(again.state()).as(again.error()).isEqualTo(Transfer.State.DONE);
        assertThat(again.startOffset()).isEqualTo(partial);
        assertThat(again.grantWaits()).as("a resume within the grace does not wait").containsExactly(0L);
        assertThat(Files.mismatch(target, movie)).isEqualTo(-1);
        // Done: out of the kept queue.
        waitUntil(() -> {
            try {
                return !Files.readString(stateDir.resolve(TransferStore.FILE_NAME)).contains("movie_id");
            } catch (java.io.IOException e) {
                return false;
            }
        }, "the queue file without the finished download");
    }

    @Test
    @Timeout(150)
    void aDownloadCutByAServerRestartReconnectsAndFinishesByItself() throws Exception {
        startServer("1");
        long id = uploadFree();
        ThrottledRelay relay = slowLink();
        Connection connection = user(relay.port(), "rosa");
        TransferListModel transfers = queue(connection, TransferStore.none());
        List<String> notes = new CopyOnWriteArrayList<>();
        transfers.onStatus(note -> notes.add(note.render(TEXTS)));
        Path target = dir.resolve("bunny.mp4");

        Transfer download = transfers.download(id, "Big Buck Bunny.mp4", target);
        waitForBytes(download);
        server.close(); // the operator stops the server mid-download...
        waitUntil(() -> download.state() == Transfer.State.RETRYING, "the transfer retrying");
        // ...and while it is away the transfer keeps trying (at least once more after the first drop).
        waitUntil(() -> download.retries() >= 2, "a second attempt while the server is away");
        assertThat(download.stateText()).startsWith("Retrying in ");
        server.restart(); // same port, same data directory

        get(download.finished());
        assertThat(download.state()).as(download.error()).isEqualTo(Transfer.State.DONE);
        assertThat(Files.mismatch(target, movie)).isEqualTo(-1);
        assertThat(download.history()).containsSubsequence(Transfer.State.RUNNING, Transfer.State.RETRYING,
                Transfer.State.RUNNING, Transfer.State.DONE);
        assertThat(download.startOffset()).as("picked up at the partial").isPositive();
        assertThat(download.grantWaits().get(download.grantWaits().size() - 1)).isZero();
        assertThat(transfers.transfers()).containsExactly(download);
        assertThat(notes).isNotEmpty().allMatch(n -> n.startsWith("\"Big Buck Bunny.mp4\" retries by itself in"));
    }

    @Test
    @Timeout(150)
    void pauseAndResumeStayOnOneRowAndANonVipUserWaitsOnce() throws Exception {
        startServer("2");
        long id = uploadFree();
        ThrottledRelay relay = slowLink();
        Connection connection = user(relay.port(), "sven");
        assertThat(connection.account().vip()).isFalse();
        TransferListModel transfers = queue(connection, TransferStore.none());
        Path target = dir.resolve("bunny.mp4");

        Transfer download = transfers.download(id, "Big Buck Bunny.mp4", target);
        waitForBytes(download);
        transfers.pause(download);
        waitUntil(() -> download.state() == Transfer.State.PAUSED, "paused");
        long partial = Files.size(Transfer.partFile(target, id));
        assertThat(partial).isPositive();
        int pausedAt = download.history().size();

        assertThat(transfers.resume(download)).isSameAs(download);
        // Starting the same movie again is the same row too.
        assertThat(transfers.download(id, "Big Buck Bunny.mp4", target)).isSameAs(download);
        get(download.finished());
        assertThat(download.state()).as(download.error()).isEqualTo(Transfer.State.DONE);
        assertThat(transfers.getRowCount()).isEqualTo(1);
        assertThat(download.grantWaits()).as("the first grant waits, the resume's does not").containsExactly(2L, 0L);
        assertThat(download.history().subList(pausedAt, download.history().size()))
                .as("the client adds no wait of its own").doesNotContain(Transfer.State.WAITING)
                .contains(Transfer.State.RUNNING);
        assertThat(download.startOffset()).isGreaterThanOrEqualTo(partial);
        assertThat(Files.mismatch(target, movie)).isEqualTo(-1);
        transfers.clearFinished();
        assertThat(transfers.getRowCount()).isZero();
    }

    @Test
    @Timeout(150)
    void aPauseDuringTheWaitResumesWithWhatIsLeftOfItNotASecondWait() throws Exception {
        startServer("4");
        long id = uploadFree();
        Connection connection = user(server.port(), "tilda");
        TransferListModel transfers = queue(connection, TransferStore.none());
        Path target = dir.resolve("waiting.mp4");

        Transfer download = transfers.download(id, "Big Buck Bunny.mp4", target);
        waitUntil(() -> download.state() == Transfer.State.WAITING, "waiting");
        transfers.pause(download); // no byte yet: the resume has offset 0
        waitUntil(() -> download.state() == Transfer.State.PAUSED, "paused");
        Thread.sleep(1_500); // at least a second of the wait passes while paused (waits are whole seconds)
        assertThat(transfers.resume(download)).isSameAs(download);
        get(download.finished());
        assertThat(download.state()).as(download.error()).isEqualTo(Transfer.State.DONE);
        assertThat(download.grantWaits()).hasSize(2);
        assertThat(download.grantWaits().get(0)).isEqualTo(4L);
        assertThat(download.grantWaits().get(1)).as("what was left of the first wait").isLessThan(4L);
        assertThat(get(connection.call(java.util.Map.of("type", "check_download_record"))).number("total"))
                .as("one download, one record").isEqualTo(1);
        assertThat(Files.mismatch(target, movie)).isEqualTo(-1);
    }

    @Test
    @Timeout(120)
    void anExistingFileIsReplacedOnlyWhenThePromptSaysSo() throws Exception {
        startServer("0");
        long id = uploadFree();
        Connection connection = user(server.port(), "tove");
        TransferListModel transfers = queue(connection, TransferStore.none());
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        Path existing = downloads.resolve("Big Buck Bunny.mp4");
        Files.writeString(existing, "a file of the person's own");
        List<Path> asked = new CopyOnWriteArrayList<>();

        transfers.setOverwritePrompt(answering(TransferListModel.OverwritePrompt.Choice.CANCEL, asked));
        assertThat(transfers.downloadInto(downloads, id, "Big Buck Bunny.mp4")).isNull();
        assertThat(asked).containsExactly(existing);
        assertThat(transfers.getRowCount()).isZero();
        assertThat(Files.readString(existing)).isEqualTo("a file of the person's own");

        transfers.setOverwritePrompt(answering(TransferListModel.OverwritePrompt.Choice.KEEP_BOTH, asked));
        Transfer beside = transfers.downloadInto(downloads, id, "Big Buck Bunny.mp4");
        get(beside.finished());
        assertThat(beside.state()).as(beside.error()).isEqualTo(Transfer.State.DONE);
        assertThat(beside.file()).isEqualTo(downloads.resolve("Big Buck Bunny (" + id + ").mp4"));
        assertThat(Files.mismatch(beside.file(), movie)).isEqualTo(-1);
        assertThat(Files.readString(existing)).isEqualTo("a file of the person's own");

        transfers.setOverwritePrompt(answering(TransferListModel.OverwritePrompt.Choice.OVERWRITE, asked));
        Transfer replacing = transfers.downloadInto(downloads, id, "Big Buck Bunny.mp4");
        get(replacing.finished());
        assertThat(replacing.state()).as(replacing.error()).isEqualTo(Transfer.State.DONE);
        assertThat(replacing.file()).isEqualTo(existing);
        assertThat(Files.mismatch(existing, movie)).isEqualTo(-1);
        assertThat(asked).containsExactly(existing, existing, existing);
    }

    /** The person's answer to the overwrite question, noting which file it was about. */
    private static TransferListModel.OverwritePrompt answering(TransferListModel.OverwritePrompt.Choice choice,
                                                               List<Path> asked) {
        return path -> {
            asked.add(path);
            return choice;
        };
    }

    @Test
    @Timeout(120)
    void severalFilesUploadAsOneRowEach() throws Exception {
        startServer("0");
        Admins.loggedIn(server, Admins.FIRST).close(); // registers the first admin
        Connection admin = new Connection("127.0.0.1", server.port(), Lang.EN, Runnable::run, 60_000);
        closing.add(admin);
        get(admin.connect());
        assertThat(get(admin.login(Admins.FIRST, TestServer.PASSWORD, "admin")).ok()).isTrue();
        TransferListModel transfers = queue(admin, TransferStore.none());
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] bytes = new byte[200_000 + i];
            new Random(40 + i).nextBytes(bytes);
            files.add(Files.write(dir.resolve("part " + i + ".mp4"), bytes));
        }
        files.add(dir); // a folder among the files is skipped
        List<Transfer> uploads = transfers.uploadAll(files, true);
        assertThat(uploads).hasSize(3);
        for (Transfer upload : uploads) {
            get(upload.finished());
            assertThat(upload.state()).as(upload.error()).isEqualTo(Transfer.State.DONE);
        }
        assertThat(uploads).extracting(Transfer::resultMovieId).doesNotHaveDuplicates();
    }

    @Test
    void theBackOffDoublesFromOneSecondUpToThirtyWithJitter() {
        List<Long> bases = new ArrayList<>();
        for (int attempt = 1; attempt <= 8; attempt++) {
            bases.add(Backoff.baseMillis(attempt));
        }
        assertThat(bases).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L, 30_000L);
        for (int i = 0; i < 200; i++) {
            assertThat(Backoff.delayMillis(3)).isBetween(3_200L, 4_800L);
            assertThat(Backoff.delayMillis(50)).isBetween(24_000L, 36_000L);
        }
    }
}
