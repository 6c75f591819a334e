package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vidshare.e2e.DownloadSupport.request;
import static org.vidshare.e2e.MovieFiles.sha256;
import static org.vidshare.e2e.DownloadSupport.timedDownload;
import static org.vidshare.e2e.MovieFiles.upload;
import static org.vidshare.e2e.WalletSupport.balance;
import static org.vidshare.e2e.WalletSupport.grant;
import static org.vidshare.e2e.WalletSupport.userId;
import static org.vidshare.e2e.WalletSupport.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.hash.Passwords;
import org.vidshare.e2e.DownloadSupport.Timed;

/**
 * download_movie over the wire: prices from the movie and the caller, one charge per user and
 * movie, the server-enforced wait, resume, deleted movies, and one user's concurrent purchases.
 */
@ServerSettings({
        "download.free-wait-seconds=" + DownloadMovieTest.WAIT_SECONDS,
        "price.vip-cents=3000",
        "price.movie-vip-cents=500",
        "price.movie-regular-cents=1000"})
class DownloadMovieTest extends OneServerPerClass {
    static final int WAIT_SECONDS = 2;
    private static final int SIZE = 200_000;

    private static VidShareClient admin;
    private static Path files;
    private static long freeMovie;
    private static long paidMovie;
    private static Path freeFile;
    private static Path paidFile;
    private static long seed = 100;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(@TempDir Path tmp) throws IOException {
        admin = Admins.loggedIn(server, Admins.FIRST);
        files = tmp;
        freeFile = MovieFiles.random(tmp, "free.mp4", SIZE, 1);
        paidFile = MovieFiles.random(tmp, "paid.mp4", SIZE, 2);
        freeMovie = upload(admin, freeFile, true);
        paidMovie = upload(admin, paidFile, false);
    }

    @AfterAll
    static void stop() throws IOException {
        admin.close();
    }

    /** A user with {@code cents} granted by the admin, logged in on a new connection. */
    private static VidShareClient userWith(String name, long cents) throws IOException {
        VidShareClient user = server.loggedIn(name, "user");
        if (cents > 0) {
            assertThat(grant(admin, userId(user), cents).ok()).isTrue();
        }
        return user;
    }

    private static synchronized long newMovie(String name, boolean free) throws IOException {
        return upload(admin, MovieFiles.random(files, name, 4096, ++seed), free);
    }

    @Test
    void aRegularUserPaysTheRegularPriceOnceAndDownloadsAgainForFree() throws Exception {
        try (VidShareClient alice = userWith("dl-alice", 1000)) {
            Path target = dir.resolve("paid.copy");
            ClientReply reply = alice.download(request(paidMovie, 0), target, TransferListener.NONE);
            assertThat(reply.ok()).as("%s", reply).isTrue();
            assertThat(reply.string("file_name")).isEqualTo("paid.mp4");
            assertThat(reply.number("file_size")).isEqualTo(SIZE);
            assertThat(reply.number("offset")).isZero();
            assertThat(reply.number("wait_time")).isZero();
            assertThat(reply.number("price_cents")).isEqualTo(1000);
            assertThat(reply.string("sha256")).isEqualTo(sha256(paidFile));
            assertThat(Files.mismatch(target, paidFile)).isEqualTo(-1);
            assertThat(balance(alice)).isZero();

            ClientReply again = alice.download(request(paidMovie, 0), dir.resolve("paid.again"), TransferListener.NONE);
            assertThat(again.ok()).as("%s", again).isTrue();
            assertThat(again.number("price_cents")).isZero();
            assertThat(Files.mismatch(dir.resolve("paid.again"), paidFile)).isEqualTo(-1);

            List<JsonNode> ledger = wallet(alice).list("ledger");
            assertThat(ledger).extracting(e -> e.get("kind").asText()).containsExactly("movie", "grant");
            assertThat(ledger.get(0).get("amount_cents").asLong()).isEqualTo(-1000);
            assertThat(ledger.get(0).get("movie_id").asLong()).isEqualTo(paidMovie);
        }
    }

    @Test
    void aVipPaysTheVipPriceAfterBuyingVip() throws Exception {
        try (VidShareClient bob = userWith("dl-bob", 3500)) {
            assertThat(bob.call(Map.of("type", "buy_vip")).ok()).isTrue();
            Path target = dir.resolve("paid.vip");
            ClientReply reply = bob.download(request(paidMovie, 0), target, TransferListener.NONE);
            assertThat(reply.ok()).as("%s", reply).isTrue();
            assertThat(reply.number("price_cents")).isEqualTo(500);
            assertThat(reply.number("wait_time")).isZero();
            assertThat(Files.mismatch(target, paidFile)).isEqualTo(-1);
            assertThat(balance(bob)).isZero();
            assertThat(WalletSupport.ledgerKinds(bob)).containsExactly("movie", "vip", "grant");
        }
    }

    @Test
    void anInsufficientBalanceSendsNoBytesAndChargesNothing() throws Exception {
        try (VidShareClient carol = userWith("dl-carol", 999)) {
            ClientReply reply = carol.call(request(paidMovie, 0));
            assertThat(reply.ok()).isFalse();
            assertThat(reply.code()).isEqualTo("insufficient_balance");
            Thread.sleep(300);
            assertThat(carol.rawInput().available()).as("bytes after a refused download").isZero();
            assertThat(carol.call(Map.of("type", "ping")).ok()).isTrue();
            assertThat(balance(carol)).isEqualTo(999);
            assertThat(WalletSupport.ledgerKinds(carol)).containsExactly("grant");
            assertThat(carol.call(Map.of("type", "check_download_record")).list("record_list")).isEmpty();
        }
    }

    @Test
    void badOffsetsAndUnknownMoviesChangeNothing() throws Exception {
        try (VidShareClient dave = userWith("dl-dave", 1000)) {
            assertThat(dave.call(request(paidMovie, -1)).code()).isEqualTo("bad_request");
            assertThat(dave.call(request(paidMovie, SIZE + 1)).code()).isEqualTo("bad_request");
            assertThat(dave.call(Map.of("type", "download_movie", "movie_id", "x")).code()).isEqualTo("bad_request");
            assertThat(dave.call(Map.of("type", "download_movie")).code()).isEqualTo("bad_request");
            assertThat(dave.call(request(987_654_321L, 0)).code()).isEqualTo("not_found");
            assertThat(balance(dave)).isEqualTo(1000);
            assertThat(dave.call(Map.of("type", "check_download_record")).list("record_list")).isEmpty();
        }
    }

    @Test
    void anInterruptedDownloadResumesFromItsOffsetToAByteIdenticalFileAtNoExtraCost() throws Exception {
        try (VidShareClient erin = userWith("dl-erin", 1000)) {
            Path target = dir.resolve("paid.partial");
            // The listener stands in for a user cancelling: the connection is dropped mid-payload.
            assertThatThrownBy(() -> erin.download(request(paidMovie, 0), target, (done, total) -> {
                if (done >= SIZE / 3) {
                    throw new IllegalStateException("cancelled");
                }
            })).hasMessage("cancelled");
        }
        long have = Files.size(dir.resolve("paid.partial"));
        assertThat(have).isBetween(1L, (long) SIZE - 1);
        try (VidShareClient erin = server.loggedIn("dl-erin", "user")) {
            ClientReply reply = erin.download(request(paidMovie, have), dir.resolve("paid.partial"), TransferListener.NONE);
            assertThat(reply.ok()).as("%s", reply).isTrue();
            assertThat(reply.number("offset")).isEqualTo(have);
            assertThat(reply.number("price_cents")).isZero();
            assertThat(Files.mismatch(dir.resolve("paid.partial"), paidFile)).isEqualTo(-1);
            assertThat(balance(erin)).isZero();

            ClientReply atEnd = erin.download(request(paidMovie, SIZE), dir.resolve("paid.partial"), TransferListener.NONE);
            assertThat(atEnd.ok()).as("%s", atEnd).isTrue();
            assertThat(erin.call(Map.of("type", "ping")).ok()).isTrue();
            assertThat(Files.mismatch(dir.resolve("paid.partial"), paidFile)).isEqualTo(-1);
            // Resumes of a recorded download add no record (PROTOCOL.md section 7, Resumes).
            assertThat(erin.call(Map.of("type", "check_download_record")).list("record_list")).hasSize(1)
                    .extracting(r -> r.get("price_cents").asLong()).containsExactly(1000L);
        }
    }

    @Test
    void aRegularUsersFreeDownloadRepliesAtOnceAndSendsTheFirstByteAfterTheWait() throws Exception {
        try (VidShareClient frank = userWith("dl-frank", 0)) {
            Path target = dir.resolve("free.copy");
            Timed timed = timedDownload(frank, request(freeMovie, 0), target);
            assertThat(timed.reply().ok()).as("%s", timed.reply()).isTrue();
            assertThat(timed.reply().number("wait_time")).isEqualTo(WAIT_SECONDS);
            assertThat(timed.reply().number("price_cents")).isZero();
            assertThat(timed.firstByteMillis()).as("first payload byte after the wait").isGreaterThanOrEqualTo(WAIT_SECONDS * 1000L);
            assertThat(timed.firstByteMillis() - timed.replyMillis()).as("the reply came well before the bytes")
                    .isGreaterThanOrEqualTo(WAIT_SECONDS * 1000L / 2);
            assertThat(Files.mismatch(target, freeFile)).isEqualTo(-1);

            // A resume within download.resume-grace-minutes of its download does not wait again
            // (PROTOCOL.md section 7, Resumes): a non-VIP user waits once per download.
            Timed resumed = timedDownload(frank, request(freeMovie, SIZE / 2), target);
            assertThat(resumed.reply().number("wait_time")).isZero();
            assertThat(Files.mismatch(target, freeFile)).isEqualTo(-1);
            // A new download from the start waits again.
            assertThat(timedDownload(frank, request(freeMovie, 0), target).reply().number("wait_time")).isEqualTo(WAIT_SECONDS);
        }
    }

    @Test
    void vipsPaidMoviesAndAdminsDoNotWait() throws Exception {
        // A wait far longer than the read timeout: a download that waited would fail here.
        TestServer slow = TestServer.start(Map.of("download.free-wait-seconds", "600"));
        try (VidShareClient boss = Admins.loggedIn(slow, Admins.FIRST);
             VidShareClient vip = slow.loggedIn("dl-vip", "user");
             VidShareClient regular = slow.loggedIn("dl-regular", "user")) {
            long free = upload(boss, freeFile, true);
            long paid = upload(boss, paidFile, false);
            assertThat(grant(boss, userId(vip), 3000).ok()).isTrue();
            assertThat(grant(boss, userId(regular), 1000).ok()).isTrue();
            assertThat(vip.call(Map.of("type", "buy_vip")).ok()).isTrue();
            for (VidShareClient c : List.of(boss, vip, regular)) {
                c.setReadTimeout(60_000);
            }

            ClientReply vipFree = vip.download(request(free, 0), dir.resolve("vip.free"), TransferListener.NONE);
            assertThat(vipFree.number("wait_time")).isZero();
            assertThat(Files.mismatch(dir.resolve("vip.free"), freeFile)).isEqualTo(-1);

            ClientReply regularPaid = regular.download(request(paid, 0), dir.resolve("regular.paid"), TransferListener.NONE);
            assertThat(regularPaid.number("wait_time")).isZero();
            assertThat(regularPaid.number("price_cents")).isEqualTo(1000);
            assertThat(Files.mismatch(dir.resolve("regular.paid"), paidFile)).isEqualTo(-1);

            ClientReply adminPaid = boss.download(request(paid, 0), dir.resolve("admin.paid"), TransferListener.NONE);
            assertThat(adminPaid.number("wait_time")).isZero();
            assertThat(adminPaid.number("price_cents")).isZero();
            ClientReply adminFree = boss.download(request(free, 0), dir.resolve("admin.free"), TransferListener.NONE);
            assertThat(adminFree.number("wait_time")).isZero();
            assertThat(Files.mismatch(dir.resolve("admin.free"), freeFile)).isEqualTo(-1);

            ClientReply regularFree = regular.call(request(free, 0));
            assertThat(regularFree.number("wait_time")).isEqualTo(600);
        } finally {
            slow.closeAndDelete();
        }
    }

    @Test
    void aDeletedMovieIsNotFoundExceptForThoseWhoHadItBefore() throws Exception {
        long paid = newMovie("to-delete-paid.mp4", false);
        long free = newMovie("to-delete-free.mp4", true);
        try (VidShareClient buyer = userWith("dl-buyer", 1000);
             VidShareClient viewer = userWith("dl-viewer", 3000);
             VidShareClient late = userWith("dl-late", 5000)) {
            assertThat(viewer.call(Map.of("type", "buy_vip")).ok()).isTrue();
            assertThat(buyer.download(request(paid, 0), dir.resolve("a"), TransferListener.NONE).ok()).isTrue();
            assertThat(viewer.download(request(free, 0), dir.resolve("b"), TransferListener.NONE).ok()).isTrue();

            for (long movie : new long[] {paid, free}) {
                ClientReply deleted = admin.call(Map.of("type", "delete_movie", "delete_movie_id", movie));
                assertThat(deleted.ok()).as("%s", deleted).isTrue();
            }

            ClientReply again = buyer.download(request(paid, 0), dir.resolve("a2"), TransferListener.NONE);
            assertThat(again.ok()).as("%s", again).isTrue();
            assertThat(again.number("price_cents")).isZero();
            assertThat(viewer.download(request(free, 0), dir.resolve("b2"), TransferListener.NONE).ok()).isTrue();
            assertThat(buyer.call(request(free, 0)).code()).isEqualTo("not_found");
            assertThat(late.call(request(paid, 0)).code()).isEqualTo("not_found");
            assertThat(late.call(request(free, 0)).code()).isEqualTo("not_found");
            assertThat(balance(late)).isEqualTo(5000);
            assertThat(balance(buyer)).isZero();
        }
    }

    @Test
    void twentyParallelPurchasesByOneUserWithMoneyForThreeBuyExactlyThree() throws Exception {
        int movies = 10;
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < movies; i++) {
            ids.add(newMovie("race-" + i + ".mp4", false));
        }
        try (VidShareClient gina = userWith("dl-gina", 3000)) {
            List<VidShareClient> connections = new ArrayList<>();
            for (int i = 0; i < 2 * movies; i++) {
                connections.add(server.loggedIn("dl-gina", "user"));
            }
            ExecutorService pool = Executors.newFixedThreadPool(connections.size());
            CountDownLatch go = new CountDownLatch(1);
            AtomicLong fileNumber = new AtomicLong();
            List<Future<ClientReply>> replies = new ArrayList<>();
            for (int i = 0; i < connections.size(); i++) {
                VidShareClient connection = connections.get(i);
                long movie = ids.get(i % movies);
                replies.add(pool.submit(() -> {
                    go.await();
                    return connection.download(request(movie, 0), dir.resolve("race" + fileNumber.incrementAndGet()),
                            TransferListener.NONE);
                }));
            }
            go.countDown();
            List<ClientReply> results = new ArrayList<>();
            for (Future<ClientReply> reply : replies) {
                results.add(reply.get());
            }
            pool.shutdown();
            for (VidShareClient connection : connections) {
                connection.close();
            }

            assertThat(results).extracting(ClientReply::code).containsOnly("ok", "insufficient_balance");
            List<ClientReply> paid = results.stream().filter(r -> r.ok() && r.number("price_cents") > 0).toList();
            assertThat(paid).hasSize(3).allSatisfy(r -> assertThat(r.number("price_cents")).isEqualTo(1000));
            // Each bought movie was asked for twice: once it is paid, the other request is free.
            assertThat(results).filteredOn(ClientReply::ok).hasSize(6);
            assertThat(balance(gina)).isZero();
            List<JsonNode> charges = wallet(gina).list("ledger").stream()
                    .filter(e -> e.get("kind").asText().equals("movie")).toList();
            assertThat(charges).hasSize(3);
            assertThat(charges).extracting(e -> e.get("movie_id").asLong()).doesNotHaveDuplicates();
        }
    }

    @Test
    void twoHundredWaitingDownloadsHoldNoServerThreads() throws Exception {
        int downloads = 200;
        int waitSeconds = 5;
        TestServer busy = TestServer.start(Map.of("download.free-wait-seconds", String.valueOf(waitSeconds)));
        List<VidShareClient> connections = new ArrayList<>();
        try (VidShareClient boss = Admins.loggedIn(busy, Admins.FIRST)) {
            long movie = upload(boss, MovieFiles.random(dir, "crowd.mp4", 64 * 1024, 7), true);
            for (int i = 0; i < downloads; i++) {
                connections.add(busy.loggedIn("dl-crowd", "user"));
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            int before = threads.getThreadCount();
            threads.resetPeakThreadCount();

            // One test thread sends every request: the client side adds no threads to the count.
            long started = System.nanoTime();
            for (VidShareClient connection : connections) {
                ClientReply reply = connection.call(request(movie, 0));
                assertThat(reply.number("wait_time")).isEqualTo(waitSeconds);
            }
            long allRepliedMillis = (System.nanoTime() - started) / 1_000_000;
            int during = threads.getThreadCount();
            boolean firstStillWaiting = connections.get(0).rawInput().available() == 0;

            Path crowd = dir.resolve("crowd.mp4");
            for (int i = 0; i < downloads; i++) {
                Path target = dir.resolve("crowd-" + i);
                try (FileChannel channel = FileChannel.open(target,
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    connections.get(i).receivePayload(channel, 0, Files.size(crowd), TransferListener.NONE);
                }
                assertThat(Files.mismatch(target, crowd)).as("download %d", i).isEqualTo(-1);
            }
            int peak = threads.getPeakThreadCount();

            System.out.printf("200 waiting downloads: threads before=%d during=%d peak=%d, all replies in %d ms%n",
                    before, during, peak, allRepliedMillis);
            if (allRepliedMillis < waitSeconds * 1000L && firstStillWaiting) {
                // Measured while every download was still waiting out its wait_time.
                assertThat(during - before).as("threads added while 200 downloads wait").isLessThan(40);
            }
            assertThat(peak - before).as("threads added at the peak of 200 downloads").isLessThan(40);
        } finally {
            for (VidShareClient connection : connections) {
                connection.close();
            }
            busy.closeAndDelete();
        }
    }

    @Test
    void aClassicClientBuysMembershipAndAPaidMovieOnlyWithMoneyInTheWallet() throws Exception {
        long paid = newMovie("classic-paid.mp4", false);
        try (ClassicClient classic = new ClassicClient(server.port())) {
            Map<String, Object> account = new LinkedHashMap<>();
            account.put("type", "register");
            account.put("name", "dl-classic");
            account.put("password", Passwords.md5Hex(TestServer.PASSWORD));
            account.put("user_type", "user");
            assertThat(classic.send(account).path("flag").asBoolean()).isTrue();
            account.put("type", "login");
            JsonNode login = classic.send(account);
            assertThat(login.path("flag").asBoolean()).as("%s", login).isTrue();

            JsonNode poor = classic.send(new LinkedHashMap<>(Map.of("type", "buy_member")));
            assertThat(poor.path("code").asText()).isEqualTo("insufficient_balance");
            assertThat(poor.path("flag").asBoolean()).isFalse();

            assertThat(grant(admin, login.path("user_id").asLong(), 3500).ok()).isTrue();
            assertThat(classic.send(new LinkedHashMap<>(Map.of("type", "buy_member"))).path("flag").asBoolean()).isTrue();

            Map<String, Object> download = new LinkedHashMap<>();
            download.put("type", "download_movie");
            download.put("movie_id", paid);
            download.put("movie_type", "free");    // a client's claim: ignored, the movie decides
            JsonNode reply = classic.send(download);
            assertThat(reply.path("flag").asBoolean()).as("%s", reply).isTrue();
            assertThat(reply.path("price_cents").asLong()).isEqualTo(500);
            assertThat(reply.path("filename").asText()).isEqualTo("classic-paid.mp4");
            long filesize = reply.path("filesize").asLong();
            assertThat(filesize).isEqualTo(4096);
            assertThat(classic.readPayload(filesize)).isEqualTo(Files.readAllBytes(files.resolve("classic-paid.mp4")));
        }
    }

    @Test
    void aDownloadWaitingOutItsWaitIsNotClosedAsIdle() throws Exception {
        TestServer strict = TestServer.start(Map.of("server.idle-timeout-seconds", "1", "download.free-wait-seconds", "3"));
        try (VidShareClient boss = Admins.loggedIn(strict, Admins.FIRST);
             VidShareClient henry = strict.loggedIn("dl-henry", "user")) {
            long free = upload(boss, freeFile, true);
            Timed timed = timedDownload(henry, request(free, 0), dir.resolve("idle.copy"));
            assertThat(timed.reply().number("wait_time")).isEqualTo(3);
            assertThat(timed.firstByteMillis()).isGreaterThanOrEqualTo(3000);
            assertThat(Files.mismatch(dir.resolve("idle.copy"), freeFile)).isEqualTo(-1);
        } finally {
            strict.closeAndDelete();
        }
    }

    @Test
    void aPurchaseSurvivesARestart() throws Exception {
        TestServer durable = TestServer.start(Map.of("price.movie-regular-cents", "1000"));
        try {
            long paid;
            try (VidShareClient boss = Admins.loggedIn(durable, Admins.FIRST);
                 VidShareClient ivan = durable.loggedIn("dl-ivan", "user")) {
                paid = upload(boss, paidFile, false);
                assertThat(grant(boss, userId(ivan), 1500).ok()).isTrue();
                assertThat(ivan.download(request(paid, 0), dir.resolve("p1"), TransferListener.NONE).number("price_cents"))
                        .isEqualTo(1000);
            }
            durable.restart();
            try (VidShareClient ivan = durable.loggedIn("dl-ivan", "user")) {
                ClientReply again = ivan.download(request(paid, 0), dir.resolve("p2"), TransferListener.NONE);
                assertThat(again.ok()).as("%s", again).isTrue();
                assertThat(again.number("price_cents")).isZero();
                assertThat(Files.mismatch(dir.resolve("p2"), paidFile)).isEqualTo(-1);
                assertThat(balance(ivan)).isEqualTo(500);
                assertThat(ivan.call(Map.of("type", "check_download_record")).list("record_list")).hasSize(2);
            }
        } finally {
            durable.closeAndDelete();
        }
    }
}
