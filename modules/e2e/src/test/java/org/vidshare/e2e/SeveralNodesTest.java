package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.hash.Fingerprint;

/**
 * Two server nodes on one PostgreSQL database and one shared data directory, as
 * docs/deployment.md describes: whatever a node kept to itself must hold across both (sessions are
 * per connection and need no sharing). Skips, saying so, without a PostgreSQL (.ci/run has one).
 */
class SeveralNodesTest {
    /** The unfinished uploads' size and the bytes they send before they stop. */
    private static final int SIZE = 300_000;
    private static final int PREFIX = 100_000;
    /** login.max-failures, left at its default. */
    private static final int LOGIN_MAX_FAILURES = 5;
    @TempDir
    static Path dir;
    private static Nodes nodes;
    private static ServerCli.Serving a;
    private static ServerCli.Serving b;
    private static VidShareClient boss;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        nodes = Nodes.onPostgres(dir.resolve("shared"), Map.of("download.free-wait-seconds", "0"));
        a = nodes.start();
        b = nodes.start();
        boss = Nodes.loggedIn(a, Admins.FIRST, "admin");
    }

    @AfterAll
    static void stopNodes() throws Exception {
        if (boss != null) {
            boss.close();
        }
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void aMovieUploadedOnAIsDownloadedOnBByAUserWhoSignedUpOnA() throws Exception {
        Path movie = MovieFiles.random(dir, "across.mp4", 1 << 20, 1);
        long movieId = MovieFiles.upload(boss, movie, true);
        Nodes.loggedIn(a, "across-user", "user").close();
        Path target = dir.resolve("across-copy.mp4");
        try (VidShareClient onB = Nodes.client(b)) {
            assertThat(onB.login("across-user", TestServer.PASSWORD).ok()).isTrue();
            ClientReply reply = onB.download(DownloadSupport.request(movieId, 0), target, TransferListener.NONE);
            assertThat(reply.ok()).as(reply.toString()).isTrue();
        }
        assertThat(MovieFiles.sha256(target)).isEqualTo(MovieFiles.sha256(movie));
    }

    @Test
    void aTransferTicketIssuedOnAOpensASessionOnBOnce() throws Exception {
        try (VidShareClient onA = Nodes.loggedIn(a, "ticket-holder", "user");
             VidShareClient onB = Nodes.client(b);
             VidShareClient againOnA = Nodes.client(a)) {
            ClientReply issued = onA.call(Map.of("type", "transfer_ticket"));
            assertThat(issued.ok()).as(issued.toString()).isTrue();
            String ticket = issued.string("ticket");
            ClientReply login = onB.call(Map.of("type", "login", "ticket", ticket));
            assertThat(login.ok()).as(login.toString()).isTrue();
            assertThat(login.number("user_id")).isEqualTo(WalletSupport.userId(onA));
            assertThat(Wire.whoami(onB).string("name")).isEqualTo("ticket-holder");
            // Single use on every node: the database row went with the first login.
            assertThat(againOnA.call(Map.of("type", "login", "ticket", ticket)).code()).isEqualTo("bad_credentials");
        }
    }

    @Test
    void twentyRacingPurchasesSplitAcrossBothNodesSpendExactlyTheBalance() throws Exception {
        List<Long> movies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            movies.add(MovieFiles.upload(boss, MovieFiles.random(dir, "paid-" + i + ".mp4", 4096, 100 + i), false));
        }
        long userId;
        try (VidShareClient buyer = Nodes.loggedIn(a, "racer", "user")) {
            userId = WalletSupport.userId(buyer);
        }
        // Three regular-price movies' worth: three purchases fit, seventeen do not.
        assertThat(WalletSupport.grant(boss, userId, 3 * 1000).ok()).isTrue();
        // Twenty connections signed in one after the other (concurrent password checks of one name are
        // limited), half on each node; then twenty purchases at once.
        List<VidShareClient> buyers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            for (int i = 0; i < 20; i++) {
                VidShareClient client = Nodes.client(i % 2 == 0 ? a : b);
                buyers.add(client);
                assertThat(client.login("racer", TestServer.PASSWORD).ok()).isTrue();
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> codes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                VidShareClient client = buyers.get(i);
                long movieId = movies.get(i);
                Path target = dir.resolve("race-" + i + ".mp4");
                codes.add(pool.submit((Callable<String>) () -> {
                    go.await();
                    return client.download(DownloadSupport.request(movieId, 0), target, TransferListener.NONE).code();
                }));
            }
            go.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> code : codes) {
                outcomes.add(code.get());
            }
            assertThat(outcomes).filteredOn("ok"::equals).hasSize(3);
            assertThat(outcomes).filteredOn("insufficient_balance"::equals).hasSize(17);
        } finally {
            pool.shutdownNow();
            for (VidShareClient client : buyers) {
                client.close();
            }
        }
        try (VidShareClient buyer = Nodes.client(b)) {
            assertThat(buyer.login("racer", TestServer.PASSWORD).ok()).isTrue();
            assertThat(WalletSupport.balance(buyer)).isZero();
        }
        assertThat(count("SELECT COUNT(*) FROM VS_PURCHASE WHERE USER_ID = " + userId)).isEqualTo(3);
    }

    @Test
    void anUploadCutOnAResumesOnBToAByteIdenticalMovie() throws Exception {
        Unfinished upload = Unfinished.of("resumed.mp4", 2);
        try (VidShareClient cut = Nodes.loggedIn(a, Admins.FIRST, "admin")) {
            Uploads.sendPrefix(cut, upload.request(), Files.readAllBytes(upload.movie()), PREFIX);
        }
        try (VidShareClient onB = Nodes.loggedIn(b, Admins.FIRST, "admin")) {
            Uploads.awaitOffset(onB, upload.fingerprint(), SIZE, PREFIX);
            upload.resumesToTheSameBytes(onB, Duration.ofSeconds(10));
        }
        assertThat(MovieFiles.storedFileWithSha(dir.resolve("shared"), MovieFiles.sha256(upload.movie()))).isNotNull();
    }

    @Test
    void anUploadInProgressOnAIsRefusedOnBUntilAsConnectionCloses() throws Exception {
        Unfinished upload = Unfinished.of("leased.mp4", 5);
        try (VidShareClient slowOnA = Nodes.loggedIn(a, Admins.FIRST, "admin");
             VidShareClient onB = Nodes.loggedIn(b, Admins.FIRST, "admin")) {
            // A's upload stays open, waiting for the rest of its payload: A holds the partial's lease.
            upload.leftOpen(slowOnA, onB);
            Map<String, Object> takeover = new LinkedHashMap<>(upload.request());
            takeover.put("offset", (long) PREFIX);
            ClientReply refused = onB.upload(takeover, upload.movie(), TransferListener.NONE);
            assertThat(refused.code()).as(refused.toString()).isEqualTo("conflict");
            assertThat(refused.has("movie_id")).isFalse();
            assertThat(refused.msg()).contains("in progress on another connection or node");
            assertThat(refused.number("retry_after_s")).isBetween(1L, 30L);
            assertThat(Uploads.offset(onB, upload.fingerprint(), SIZE)).as("nothing written by the refused attempt")
                    .isEqualTo(PREFIX);

            // A's connection closes: its lease is released, and B resumes at once (no lease time to wait out).
            slowOnA.close();
            upload.resumesToTheSameBytes(onB, Duration.ofSeconds(10));
        }
    }

    @Test
    void anUploadOnANodeKilledMidPayloadResumesOnTheOtherOnceItsLeaseExpires() throws Exception {
        ServerCli.Serving doomed = nodes.start();
        Unfinished upload = Unfinished.of("orphaned-upload.mp4", 8);
        try (VidShareClient onDoomed = Nodes.loggedIn(doomed, Admins.FIRST, "admin");
             VidShareClient watcher = Nodes.loggedIn(b, Admins.FIRST, "admin")) {
            upload.leftOpen(onDoomed, watcher);
            // No release: the node's lease stays in the database until it expires (30 s after its last renewal).
            doomed.kill();
        }
        try (VidShareClient onB = Nodes.loggedIn(b, Admins.FIRST, "admin")) {
            upload.resumesToTheSameBytes(onB, Duration.ofSeconds(90));
        }
    }

    @Test
    void aSweepOnBLeavesThePartialThatAIsWritingAlone() throws Exception {
        Unfinished upload = Unfinished.of("swept.mp4", 6);
        Path partials = dir.resolve("shared").resolve("partials");
        // A partial nobody writes, older than upload.partial-ttl-hours: the sweep's to delete.
        Path abandoned = Files.write(partials.resolve("424242-" + "0".repeat(32) + "-10.part"), new byte[10]);
        FileTime twoDaysAgo = FileTime.from(Instant.now().minus(Duration.ofDays(2)));
        Files.setLastModifiedTime(abandoned, twoDaysAgo);
        try (VidShareClient writingOnA = Nodes.loggedIn(a, Admins.FIRST, "admin");
             VidShareClient onB = Nodes.loggedIn(b, Admins.FIRST, "admin")) {
            upload.leftOpen(writingOnA, onB);
            Path live = onlyPartialOf(partials, upload.fingerprint());
            // The storage's clock says A's partial is old too (a clock that is not the nodes'), but A holds its lease.
            Files.setLastModifiedTime(live, twoDaysAgo);

            // Every upload_movie sweeps first.
            MovieFiles.upload(onB, MovieFiles.random(dir, "sweeper.mp4", 4096, 7), true);
            assertThat(abandoned).as("the abandoned partial").doesNotExist();
            assertThat(live).as("A's partial, leased").exists().hasSize(PREFIX);

            Files.setLastModifiedTime(live, FileTime.from(Instant.now()));
            writingOnA.close();
            upload.resumesToTheSameBytes(onB, Duration.ofSeconds(10));
        }
    }

    /** A movie of {@link #SIZE} bytes whose upload is left unfinished after {@link #PREFIX} bytes. */
    private record Unfinished(Path movie, String fingerprint, Map<String, Object> request) {
        static Unfinished of(String name, long seed) throws IOException {
            Path movie = MovieFiles.random(dir, name, SIZE, seed);
            return new Unfinished(movie, Fingerprint.of(movie), MovieFiles.uploadRequest(movie, name, true));
        }

        /** Sends the prefix on {@code writer}, leaving the upload open, and waits until {@code watcher} sees the bytes. */
        void leftOpen(VidShareClient writer, VidShareClient watcher) throws Exception {
            Uploads.sendPrefix(writer, request, Files.readAllBytes(movie), PREFIX);
            Uploads.awaitOffset(watcher, fingerprint, SIZE, PREFIX);
        }

        /** Resumes from the prefix on {@code admin} (retrying a busy partial for up to {@code patience}): the same bytes. */
        void resumesToTheSameBytes(VidShareClient admin, Duration patience) throws Exception {
            ClientReply resumed = Uploads.resume(admin, request, movie, PREFIX, patience);
            assertThat(resumed.ok()).as(resumed.toString()).isTrue();
            assertThat(resumed.string("sha256")).isEqualTo(MovieFiles.sha256(movie));
        }
    }

    @Test
    void failuresOnALockTheNameOnBForTheirAddressOnly() throws Exception {
        Nodes.loggedIn(a, "guarded", "user").close();
        try (VidShareClient attackerOnA = Nodes.client(a.port(), "127.0.0.2");
             VidShareClient attackerOnB = Nodes.client(b.port(), "127.0.0.2");
             VidShareClient userOnB = Nodes.client(b)) {
            for (int i = 0; i < LOGIN_MAX_FAILURES; i++) {
                assertThat(attackerOnA.login("guarded", "guess-" + i).code()).isEqualTo("bad_credentials");
            }
            // The failures were counted on A; B refuses the right password from that address.
            assertThat(attackerOnB.login("guarded", TestServer.PASSWORD).code()).isEqualTo("locked");
            assertThat(attackerOnA.login("guarded", TestServer.PASSWORD).code()).isEqualTo("locked");
            // The real user, on another address, logs in on B.
            assertThat(userOnB.login("guarded", TestServer.PASSWORD).ok()).isTrue();
        }
        assertThat(count("SELECT COUNT(*) FROM VS_LOGIN_FAILURE WHERE LOGIN_NAME = 'guarded' AND LOCKED_UNTIL > 0"))
                .as("one lock row, for 127.0.0.2").isEqualTo(1);
    }

    @Test
    void theSameContentUploadedOnAAndBAtOnceIsOneMovie() throws Exception {
        Path movie = MovieFiles.random(dir, "twice.mp4", 2 << 20, 3);
        try (VidShareClient second = Nodes.client(a)) {
            assertThat(TestServer.register(boss, "second-admin", "admin").ok()).isTrue();
            second.close();
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<ClientReply> onA = pool.submit(() -> uploadAs(a, Admins.FIRST, movie));
            Future<ClientReply> onB = pool.submit(() -> uploadAs(b, "second-admin", movie));
            List<ClientReply> replies = List.of(onA.get(), onB.get());
            assertThat(replies).extracting(ClientReply::code).containsExactlyInAnyOrder("ok", "conflict");
            long published = replies.stream().filter(ClientReply::ok).findFirst().orElseThrow().number("movie_id");
            ClientReply refused = replies.stream().filter(r -> !r.ok()).findFirst().orElseThrow();
            assertThat(refused.number("movie_id")).isEqualTo(published);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("SELECT COUNT(*) FROM VS_MOVIE WHERE IS_DELETE = FALSE AND FILE_MD5 = '"
                + Fingerprint.of(movie) + "'")).isEqualTo(1);
    }

    @Test
    void aLockOnAEndsTheAccountsSessionOnBWithinTwoSeconds() throws Exception {
        try (VidShareClient onB = Nodes.loggedIn(b, "lockee", "user")) {
            long userId = WalletSupport.userId(onB);
            assertThat(boss.call(Map.of("type", "lock_user", "user_id", userId)).ok()).isTrue();
            long lockedAt = System.nanoTime();
            String code = "ok";
            while (code.equals("ok") && System.nanoTime() - lockedAt < 10_000_000_000L) {
                code = Wire.whoami(onB).code();
                Thread.sleep(50);
            }
            long millis = (System.nanoTime() - lockedAt) / 1_000_000;
            System.out.printf("several nodes: a lock on A ended the session on B after %d ms%n", millis);
            assertThat(code).isEqualTo("not_logged_in");
            // The watch runs every second: two periods are the bound, with room for a loaded machine.
            assertThat(millis).isLessThan(4_000);
        }
    }

    @Test
    void aNodeKilledMidDownloadLosesNothingTheClientResumesOnTheOther() throws Exception {
        ServerCli.Serving doomed = nodes.start();
        Path movie = MovieFiles.random(dir, "interrupted.mp4", 24 << 20, 4);
        long movieId = MovieFiles.upload(boss, movie, false);
        long userId;
        try (VidShareClient buyer = Nodes.loggedIn(a, "survivor", "user")) {
            userId = WalletSupport.userId(buyer);
        }
        assertThat(WalletSupport.grant(boss, userId, 1000).ok()).isTrue();
        Path target = dir.resolve("interrupted-copy.mp4");
        long received;
        try (VidShareClient onDoomed = Nodes.client(doomed)) {
            assertThat(onDoomed.login("survivor", TestServer.PASSWORD).ok()).isTrue();
            ClientReply reply = onDoomed.call(DownloadSupport.request(movieId, 0));
            assertThat(reply.ok()).as(reply.toString()).isTrue();
            byte[] first = onDoomed.rawInput().readNBytes(1 << 20);
            Files.write(target, first);
            received = first.length;
            doomed.kill();
        }
        try (VidShareClient onB = Nodes.client(b)) {
            assertThat(onB.login("survivor", TestServer.PASSWORD).ok()).isTrue();
            ClientReply resumed = onB.call(DownloadSupport.request(movieId, received));
            assertThat(resumed.ok()).as(resumed.toString()).isTrue();
            assertThat(resumed.number("price_cents")).as("bought on the dead node, free on this one").isZero();
            try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
                onB.receivePayload(channel, received, resumed.number("file_size") - received, TransferListener.NONE);
            }
            assertThat(WalletSupport.balance(onB)).as("charged once").isZero();
        }
        assertThat(MovieFiles.sha256(target)).isEqualTo(MovieFiles.sha256(movie));
    }

    private static Path onlyPartialOf(Path partials, String fingerprint) throws IOException {
        try (var found = Files.newDirectoryStream(partials, "*-" + fingerprint + "-*.part")) {
            List<Path> all = new ArrayList<>();
            found.forEach(all::add);
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    private static ClientReply uploadAs(ServerCli.Serving node, String admin, Path movie) throws IOException {
        try (VidShareClient client = Nodes.client(node)) {
            assertThat(client.login(admin, TestServer.PASSWORD).ok()).isTrue();
            return client.upload(MovieFiles.uploadRequest(movie, movie.getFileName().toString(), true), movie,
                    TransferListener.NONE);
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection db = DriverManager.getConnection(nodes.jdbcUrl(), PostgresSupport.USER, PostgresSupport.PASSWORD)) {
            return ((Number) StoreInvariants.rows(db, sql).get(0).get(0)).longValue();
        }
    }
}
