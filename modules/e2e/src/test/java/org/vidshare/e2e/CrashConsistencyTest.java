package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.hash.Fingerprint;
import org.vidshare.core.spi.CrashPoints;

/**
 * Crash consistency (docs/design.md "Tests"): the packaged server runs as a child JVM told to halt at one
 * named point ({@link CrashPoints}: mid-payload, just before or just after a commit); the test drives
 * the operation over TCP until the process dies there, restarts the server WITHOUT the crash point on
 * the same data directory, and checks what the crash left: the database opens, nothing is half
 * published, no money moved without its rows (read back over JDBC by {@link StoreInvariants}),
 * committed work survived, and unfinished transfers resume.
 */
class CrashConsistencyTest {
    private static final int MOVIE_BYTES = 1 << 20;
    private static final String ADMIN = "boss";
    private static final String USER = "alice";
    private static final long CREDIT = 2500;
    private static final long REGULAR_PRICE = 1000;

    @TempDir
    Path dir;
    private Path data;
    private Path movie;
    private TestServer restarted;

    @BeforeEach
    void files() throws IOException {
        data = Files.createDirectories(dir.resolve("data"));
        movie = MovieFiles.random(dir, "crash.mp4", MOVIE_BYTES, 2026);
    }

    @Test
    void anUploadCutMidPayloadPublishesNothingAndResumesFromTheBytesItKept() throws Exception {
        prepare(false);
        Map<String, Object> request = uploadRequest();
        crashAt(CrashPoints.UPLOAD_MID_PAYLOAD, port -> {
            try (VidShareClient admin = login(port, ADMIN)) {
                assertThatThrownBy(() -> admin.upload(request, movie, TransferListener.NONE)).isInstanceOf(IOException.class);
            }
        });
        TestServer server = restarted();
        try (VidShareClient admin = Admins.loggedIn(server, ADMIN)) {
            assertThat(moviesOnDisk()).as("published files").isZero();
            long offset = Uploads.offset(admin, Fingerprint.of(movie), MOVIE_BYTES);
            assertThat(offset).as("bytes kept for the resume").isPositive().isLessThan(MOVIE_BYTES);
            assertThat(Uploads.listed(admin, "crash.mp4")).as("listed after the crash").isFalse();

            ClientReply resumed = Uploads.resume(admin, request, movie, offset);
            assertThat(resumed.ok()).as(resumed.toString()).isTrue();
            assertThat(resumed.string("sha256")).isEqualTo(MovieFiles.sha256(movie));
            assertThat(MovieFiles.storedFileWithSha(data, MovieFiles.sha256(movie))).isNotNull();
        }
        closeAndCheck(server);
    }

    @Test
    void anUploadCutAfterItsLastByteIsFinishedByAResumeThatSendsNoBytes() throws Exception {
        prepare(false);
        Map<String, Object> request = uploadRequest();
        crashAt(CrashPoints.UPLOAD_BEFORE_PUBLISH, port -> {
            try (VidShareClient admin = login(port, ADMIN)) {
                assertThatThrownBy(() -> admin.upload(request, movie, TransferListener.NONE)).isInstanceOf(IOException.class);
            }
        });
        TestServer server = restarted();
        try (VidShareClient admin = Admins.loggedIn(server, ADMIN)) {
            assertThat(Uploads.listed(admin, "crash.mp4")).isFalse();
            assertThat(Uploads.offset(admin, Fingerprint.of(movie), MOVIE_BYTES)).as("every byte kept").isEqualTo(MOVIE_BYTES);
            // offset = file_size: no payload at all, and the server publishes what it holds.
            ClientReply resumed = Uploads.resume(admin, request, movie, MOVIE_BYTES);
            assertThat(resumed.ok()).as(resumed.toString()).isTrue();
            assertThat(resumed.string("sha256")).isEqualTo(MovieFiles.sha256(movie));
            assertThat(Uploads.listed(admin, "crash.mp4")).isTrue();
        }
        closeAndCheck(server);
    }

    @Test
    void anUploadCutBetweenTheFileMoveAndTheRowCommitPublishesNothingAndItsFileBecomesAnOrphan() throws Exception {
        prepare(false);
        Map<String, Object> request = uploadRequest();
        crashAt(CrashPoints.UPLOAD_BEFORE_COMMIT, port -> {
            try (VidShareClient admin = login(port, ADMIN)) {
                assertThatThrownBy(() -> admin.upload(request, movie, TransferListener.NONE)).isInstanceOf(IOException.class);
            }
        });
        // The crash landed after the move: the file is in storage with no row naming it...
        List<String> leftBehind = movieFileNames();
        assertThat(leftBehind).as("the file moved into place before the crash").hasSize(1);
        String unpublished = leftBehind.get(0);
        TestServer server = restarted();
        // ...the restart leaves a fresh file where it is (it never deletes, and a young file may be
        // another node's publish in progress), but nobody can reach it: no row, no listing.
        assertThat(movieFileNames()).as("stored files after the restart").containsExactly(unpublished);
        try (VidShareClient admin = Admins.loggedIn(server, ADMIN)) {
            assertThat(Uploads.listed(admin, "crash.mp4")).isFalse();
            assertThat(Uploads.offset(admin, Fingerprint.of(movie), MOVIE_BYTES)).isZero();
            ClientReply again = admin.upload(request, movie, TransferListener.NONE);
            assertThat(again.ok()).as(again.toString()).isTrue();
            assertThat(Uploads.listed(admin, "crash.mp4")).isTrue();
        }
        closeAndCheck(server, Set.of(unpublished));

        // An hour on, the next start moves the unpublished file to orphans/, bytes intact.
        Path stale = data.resolve("movies").resolve(unpublished);
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        server = restarted();
        server.close();
        Path orphan = data.resolve("orphans").resolve(unpublished);
        assertThat(orphan).as("the unpublished file, moved aside").exists();
        assertThat(MovieFiles.sha256(orphan)).isEqualTo(MovieFiles.sha256(movie));
        assertThat(movieFileNames()).as("stored files after the orphan check").doesNotContain(unpublished).hasSize(1);
        StoreInvariants.check(data, server.jdbcUrl());
    }

    @Test
    void anUploadCutAfterItsCommitIsPublishedAfterTheRestart() throws Exception {
        prepare(false);
        Map<String, Object> request = uploadRequest();
        crashAt(CrashPoints.UPLOAD_AFTER_COMMIT, port -> {
            try (VidShareClient admin = login(port, ADMIN)) {
                assertThatThrownBy(() -> admin.upload(request, movie, TransferListener.NONE)).isInstanceOf(IOException.class);
            }
        });
        TestServer server = restarted();
        try (VidShareClient admin = Admins.loggedIn(server, ADMIN)) {
            // Committed means durable: the uploader never saw the reply, but the movie is there.
            assertThat(Uploads.listed(admin, "crash.mp4")).as("listed after the crash").isTrue();
            ClientReply retry = admin.call(Map.of("type", "check_movie", "file_md5", Fingerprint.of(movie),
                    "file_size", MOVIE_BYTES));
            assertThat(retry.code()).as(retry.toString()).isEqualTo("conflict");
            assertThat(MovieFiles.storedFileWithSha(data, MovieFiles.sha256(movie))).isNotNull();
        }
        closeAndCheck(server);
    }

    @Test
    void aPurchaseCutBeforeItsCommitChargesNothingAndCanBeMadeAgain() throws Exception {
        long movieId = prepare(true);
        crashAt(CrashPoints.PURCHASE_BEFORE_COMMIT, port -> {
            try (VidShareClient alice = login(port, USER)) {
                assertThatThrownBy(() -> alice.call(DownloadSupport.request(movieId, 0))).isInstanceOf(IOException.class);
            }
        });
        TestServer server = restarted();
        try (VidShareClient alice = server.loggedIn(USER, "user")) {
            assertThat(WalletSupport.wallet(alice).number("balance_cents")).as("balance after the crash").isEqualTo(CREDIT);
            assertThat(records(alice)).as("download records after the crash").isEmpty();
            Path copy = dir.resolve("copy.mp4");
            ClientReply bought = alice.download(DownloadSupport.request(movieId, 0), copy, TransferListener.NONE);
            assertThat(bought.number("price_cents")).as(bought.toString()).isEqualTo(REGULAR_PRICE);
            assertThat(MovieFiles.sha256(copy)).isEqualTo(MovieFiles.sha256(movie));
            assertThat(WalletSupport.wallet(alice).number("balance_cents")).isEqualTo(CREDIT - REGULAR_PRICE);
        }
        closeAndCheck(server);
    }

    @Test
    void aPurchaseCutAfterItsCommitIsChargedOnceAndTheMovieIsOwned() throws Exception {
        long movieId = prepare(true);
        crashAt(CrashPoints.PURCHASE_AFTER_COMMIT, port -> {
            try (VidShareClient alice = login(port, USER)) {
                assertThatThrownBy(() -> alice.call(DownloadSupport.request(movieId, 0))).isInstanceOf(IOException.class);
            }
        });
        TestServer server = restarted();
        try (VidShareClient alice = server.loggedIn(USER, "user")) {
            assertThat(WalletSupport.wallet(alice).number("balance_cents")).as("charged once, durably")
                    .isEqualTo(CREDIT - REGULAR_PRICE);
            assertThat(records(alice)).hasSize(1);
            Path copy = dir.resolve("copy.mp4");
            ClientReply again = alice.download(DownloadSupport.request(movieId, 0), copy, TransferListener.NONE);
            assertThat(again.number("price_cents")).as("a bought movie costs nothing again").isZero();
            assertThat(MovieFiles.sha256(copy)).isEqualTo(MovieFiles.sha256(movie));
            assertThat(WalletSupport.wallet(alice).number("balance_cents")).isEqualTo(CREDIT - REGULAR_PRICE);
        }
        closeAndCheck(server);
    }

    @Test
    void aDownloadCutMidPayloadResumesFromTheBytesReceivedWithoutASecondCharge() throws Exception {
        long movieId = prepare(true);
        Path copy = dir.resolve("copy.mp4");
        AtomicLong received = new AtomicLong();
        crashAt(CrashPoints.DOWNLOAD_MID_PAYLOAD, port -> {
            try (VidShareClient alice = login(port, USER)) {
                ClientReply granted = alice.call(DownloadSupport.request(movieId, 0));
                assertThat(granted.number("price_cents")).as(granted.toString()).isEqualTo(REGULAR_PRICE);
                try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    assertThatThrownBy(() -> alice.receivePayload(channel, 0, MOVIE_BYTES, (done, total) -> received.set(done)))
                            .isInstanceOf(EOFException.class);
                }
            }
        });
        assertThat(received.get()).as("bytes that left before the crash").isPositive().isLessThan(MOVIE_BYTES);
        TestServer server = restarted();
        try (VidShareClient alice = server.loggedIn(USER, "user")) {
            ClientReply resumed = alice.download(DownloadSupport.request(movieId, received.get()), copy, TransferListener.NONE);
            assertThat(resumed.number("price_cents")).as(resumed.toString()).isZero();
            assertThat(MovieFiles.sha256(copy)).as("the resumed copy").isEqualTo(MovieFiles.sha256(movie));
            assertThat(WalletSupport.wallet(alice).number("balance_cents")).isEqualTo(CREDIT - REGULAR_PRICE);
            // The resume continues the recorded download: no record of its own (PROTOCOL.md section 7, Resumes).
            assertThat(records(alice)).as("the granted download, not its resume").hasSize(1);
        }
        closeAndCheck(server);
    }

    @Test
    void aNoticeCutBeforeItsCommitIsNotReleased() throws Exception {
        prepare(false);
        crashAt(CrashPoints.NOTICE_BEFORE_COMMIT, port -> {
            try (VidShareClient admin = login(port, ADMIN)) {
                assertThatThrownBy(() -> admin.call(notice("lost"))).isInstanceOf(IOException.class);
            }
        });
        TestServer server = restarted();
        try (VidShareClient admin = Admins.loggedIn(server, ADMIN); VidShareClient alice = server.loggedIn(USER, "user")) {
            assertThat(noticeTitles(alice)).isEmpty();
            assertThat(admin.call(notice("kept")).ok()).isTrue();
            assertThat(noticeTitles(alice)).containsExactly("kept");
        }
        closeAndCheck(server);
    }

    @Test
    void aNoticeCutAfterItsCommitIsReleased() throws Exception {
        prepare(false);
        crashAt(CrashPoints.NOTICE_AFTER_COMMIT, port -> {
            try (VidShareClient admin = login(port, ADMIN)) {
                assertThatThrownBy(() -> admin.call(notice("committed"))).isInstanceOf(IOException.class);
            }
        });
        TestServer server = restarted();
        try (VidShareClient alice = server.loggedIn(USER, "user")) {
            assertThat(noticeTitles(alice)).containsExactly("committed");
        }
        closeAndCheck(server);
    }

    // --- the crash and the restart

    /** What the test does against the crashing child, given its port; it must end with the child dead. */
    private interface Drive {
        void run(int port) throws Exception;
    }

    /** Starts the packaged server with {@code point} armed, drives it, and waits for the halt there. */
    private void crashAt(String point, Drive drive) throws Exception {
        List<String> args = List.of("serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", data.toString(),
                "--set", "password.pbkdf2-iterations=1000", "--set", "download.free-wait-seconds=1");
        try (ServerCli.Serving child = ServerCli.serve(List.of("-D" + CrashPoints.PROPERTY + "=" + point), args)) {
            drive.run(child.port());
            assertThat(child.awaitExit(60)).as("exit status of the child halted at " + point)
                    .isEqualTo(CrashPoints.HALT_STATUS);
        }
    }

    /** The server again on the crashed data directory, in this JVM and without any crash point. */
    private TestServer restarted() {
        restarted = TestServer.startIn(data, Map.of());
        return restarted;
    }

    /** A failed check must not leave its restarted server running (closing twice is harmless). */
    @AfterEach
    void closeRestarted() {
        if (restarted != null) {
            restarted.close();
        }
    }

    private void closeAndCheck(TestServer server) throws Exception {
        closeAndCheck(server, Set.of());
    }

    private void closeAndCheck(TestServer server, Set<String> unpublished) throws Exception {
        server.close();
        StoreInvariants.check(data, server.jdbcUrl(), unpublished);
    }

    /**
     * The state before the crash, made by a normal server in this JVM: the admin, a user with credit,
     * and (when asked) the test movie published as a paid movie, whose id is returned.
     */
    private long prepare(boolean withPaidMovie) throws Exception {
        TestServer server = TestServer.startIn(data, Map.of());
        try (VidShareClient admin = Admins.loggedIn(server, ADMIN); VidShareClient alice = server.loggedIn(USER, "user")) {
            assertThat(WalletSupport.grant(admin, WalletSupport.userId(alice), CREDIT).ok()).isTrue();
            return withPaidMovie ? MovieFiles.upload(admin, movie, false) : -1;
        } finally {
            server.close();
        }
    }

    private static VidShareClient login(int port, String name) throws IOException {
        VidShareClient client = VidShareClient.connect("127.0.0.1", port);
        client.setReadTimeout(60_000);
        assertThat(client.hello("en").ok()).isTrue();
        ClientReply login = client.login(name, TestServer.PASSWORD);
        assertThat(login.ok()).as(login.toString()).isTrue();
        return client;
    }

    private Map<String, Object> uploadRequest() throws IOException {
        Map<String, Object> request = new LinkedHashMap<>(MovieFiles.uploadRequest(movie, "crash.mp4", true));
        request.put("sha256", MovieFiles.sha256(movie));
        return request;
    }

    private long moviesOnDisk() throws IOException {
        return movieFileNames().size();
    }

    private List<String> movieFileNames() throws IOException {
        try (Stream<Path> files = Files.list(data.resolve("movies"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Map<String, Object> notice(String title) {
        return Map.of("type", "release_notice", "title", title, "content", "crash test notice " + title);
    }

    private static List<String> noticeTitles(VidShareClient client) throws IOException {
        ClientReply notices = client.call(Map.of("type", "check_notice"));
        assertThat(notices.ok()).as(notices.toString()).isTrue();
        return notices.list("notice_list").stream().map(n -> n.get("title").asText()).toList();
    }

    private static List<?> records(VidShareClient client) throws IOException {
        ClientReply records = client.call(Map.of("type", "check_download_record"));
        assertThat(records.ok()).as(records.toString()).isTrue();
        return records.list("record_list");
    }
}
