package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.hash.Passwords;

/** list_users, lock_user, unlock_user, reset_password and admin-made admins, over the wire. */
// Every test logs in from 127.0.0.1: lift the per-address limit so failure tests stay independent.
@ServerSettings({
        "login.max-failures=" + AdminUsersTest.MAX_FAILURES,
        "login.max-failures-per-address=100000",
        "wallet.initial-balance-cents=250"})
class AdminUsersTest extends OneServerPerClass {
    static final int MAX_FAILURES = 3;

    private static VidShareClient boss;

    @BeforeAll
    static void start() throws Exception {
        boss = server.loggedIn("boss", "admin");
    }

    @AfterAll
    static void stop() throws Exception {
        boss.close();
    }

    @Test
    void listUsersShowsEveryAccountWithItsPublicFields() throws Exception {
        try (VidShareClient alice = server.loggedIn("list-alice", "user")) {
            long aliceId = WalletSupport.userId(alice);
            ClientReply reply = boss.call(Map.of("type", "list_users"));
            assertThat(reply.ok()).as(reply.toString()).isTrue();
            assertThat(reply.code()).isEqualTo("ok");
            JsonNode row = userRow(reply, aliceId);
            assertThat(row.get("name").asText()).isEqualTo("list-alice");
            assertThat(row.get("user_type").asText()).isEqualTo("user");
            assertThat(row.get("is_vip").asInt()).isZero();
            assertThat(row.get("is_locked").asInt()).isZero();
            assertThat(row.get("balance_cents").asLong()).isEqualTo(250);
            assertThat(OffsetDateTime.parse(row.get("register_time").asText())).isNotNull();
            assertThat(row.has("password_hash")).isFalse();
            assertThat(reply.toString()).doesNotContain("pbkdf2");
            JsonNode bossRow = reply.list("user_list").stream()
                    .filter(u -> u.get("name").asText().equals("boss")).findFirst().orElseThrow();
            assertThat(bossRow.get("user_type").asText()).isEqualTo("admin");
        }
    }

    @Test
    void aUserCallingAdminCommandsIsForbiddenAndNobodyIsNotLoggedIn() throws Exception {
        try (VidShareClient mallory = server.loggedIn("mallory", "user"); VidShareClient anonymous = server.client()) {
            long malloryId = WalletSupport.userId(mallory);
            List<Map<String, Object>> requests = List.of(
                    Map.of("type", "list_users"),
                    Map.of("type", "lock_user", "user_id", malloryId),
                    Map.of("type", "unlock_user", "user_id", malloryId),
                    Map.of("type", "reset_password", "user_id", malloryId, "new_password", Passwords.md5Hex("x")));
            for (Map<String, Object> request : requests) {
                assertThat(mallory.call(request).code()).as(request.toString()).isEqualTo("forbidden");
                assertThat(anonymous.call(request).code()).as(request.toString()).isEqualTo("not_logged_in");
            }
            // The refused reset changed nothing: the old password still works.
            try (VidShareClient again = server.client()) {
                assertThat(again.login("mallory", TestServer.PASSWORD).ok()).isTrue();
            }
            List<String> userFeatures = Wire.featureTypes(mallory.call(Map.of("type", "hello", "protocol", 1, "lang", "en")));
            assertThat(userFeatures).doesNotContain("list_users", "lock_user", "unlock_user", "reset_password");
            List<String> adminFeatures = Wire.featureTypes(boss.call(Map.of("type", "hello", "protocol", 1, "lang", "en")));
            assertThat(adminFeatures).contains("list_users", "lock_user", "unlock_user", "reset_password");
        }
    }

    @Test
    void lockEndsEverySessionAtOnceAndBlocksLoginUntilUnlocked() throws Exception {
        try (VidShareClient first = server.loggedIn("lock-bob", "user"); VidShareClient second = server.client()) {
            assertThat(second.login("lock-bob", TestServer.PASSWORD).ok()).isTrue();
            long bobId = WalletSupport.userId(first);

            ClientReply locked = boss.call(Map.of("type", "lock_user", "user_id", bobId));
            assertThat(locked.ok()).as(locked.toString()).isTrue();

            // Both idle connections stay open; their sessions are gone.
            assertThat(first.call(Map.of("type", "whoami")).code()).isEqualTo("not_logged_in");
            assertThat(second.call(Map.of("type", "whoami")).code()).isEqualTo("not_logged_in");
            assertThat(first.call(Map.of("type", "ping")).ok()).isTrue();
            ClientReply refused = first.login("lock-bob", TestServer.PASSWORD);
            assertThat(refused.code()).isEqualTo("locked");
            assertThat(refused.has("session")).isFalse();
            assertThat(userRow(boss.call(Map.of("type", "list_users")), bobId).get("is_locked").asInt()).isEqualTo(1);

            // Locking again is harmless; unlocking lets bob back in.
            assertThat(boss.call(Map.of("type", "lock_user", "user_id", bobId)).ok()).isTrue();
            ClientReply unlocked = boss.call(Map.of("type", "unlock_user", "user_id", bobId));
            assertThat(unlocked.ok()).as(unlocked.toString()).isTrue();
            assertThat(first.login("lock-bob", TestServer.PASSWORD).ok()).isTrue();
            assertThat(first.call(Map.of("type", "whoami")).ok()).isTrue();
            assertThat(userRow(boss.call(Map.of("type", "list_users")), bobId).get("is_locked").asInt()).isZero();
        }
    }

    @Test
    void lockClosesAConnectionWaitingOutADownloadAndKeepsIdleOnesOpen(@TempDir Path files) throws Exception {
        // Its own server: a free download waits long enough for the lock to land inside the wait.
        TestServer waiting = TestServer.start(Map.of("download.free-wait-seconds", "60"));
        try (VidShareClient admin = waiting.loggedIn("boss", "admin");
             VidShareClient downloading = waiting.loggedIn("wait-gina", "user");
             VidShareClient idle = waiting.client()) {
            Path movie = MovieFiles.random(files, "free.mp4", 4096, 7);
            ClientReply uploaded = admin.upload(MovieFiles.uploadRequest(movie, "free.mp4", true), movie, TransferListener.NONE);
            assertThat(uploaded.ok()).as(uploaded.toString()).isTrue();
            assertThat(idle.login("wait-gina", TestServer.PASSWORD).ok()).isTrue();

            ClientReply granted = downloading.call(Map.of("type", "download_movie", "movie_id", uploaded.number("movie_id")));
            assertThat(granted.ok()).as(granted.toString()).isTrue();
            assertThat(granted.number("wait_time")).isEqualTo(60);

            assertThat(admin.call(Map.of("type", "lock_user", "user_id", WalletSupport.userId(idle))).ok()).isTrue();
            assertThat(downloading.isClosedByPeer(10_000)).as("the waiting download is cut").isTrue();
            assertThat(idle.call(Map.of("type", "whoami")).code()).isEqualTo("not_logged_in");
        } finally {
            waiting.closeAndDelete();
        }
    }

    @Test
    void lockCutsAnUploadInFlightAndKeepsItsPartialForResume(@TempDir Path files) throws Exception {
        int size = 64 * 1024;
        Path movie = MovieFiles.random(files, "partial.mp4", size, 11);
        byte[] bytes = Files.readAllBytes(movie);
        Map<String, Object> upload = MovieFiles.uploadRequest(movie, "partial.mp4", true);
        try (VidShareClient uploading = registerAdminAndLogIn("deputy-up");
             VidShareClient watching = server.client()) {
            assertThat(watching.login("deputy-up", TestServer.PASSWORD).ok()).isTrue();
            long uploaderId = WalletSupport.userId(watching);
            // Half of the announced bytes, then silence: the upload is in flight.
            uploading.sendWithPayload(upload, Arrays.copyOf(bytes, size / 2));
            Map<String, Object> check = Map.of("type", "check_movie", "file_md5", upload.get("file_md5"), "file_size", size);
            awaitOffset(watching, check, size / 2);

            assertThat(boss.call(Map.of("type", "lock_user", "user_id", uploaderId)).ok()).isTrue();
            assertThat(uploading.isClosedByPeer(10_000)).as("the upload in flight is cut").isTrue();
            assertThat(watching.call(Map.of("type", "whoami")).code()).isEqualTo("not_logged_in");

            assertThat(boss.call(Map.of("type", "unlock_user", "user_id", uploaderId)).ok()).isTrue();
            assertThat(watching.login("deputy-up", TestServer.PASSWORD).ok()).isTrue();
            assertThat(watching.call(check).number("offset")).as("the partial survives the lock").isEqualTo(size / 2);
            // The server lets go of the cut connection's partial when its close event is handled, which
            // under load may come a moment after the client saw the close: Uploads.resume waits that out.
            ClientReply finished = Uploads.resume(watching, upload, movie, size / 2);
            assertThat(finished.ok()).as(finished.toString()).isTrue();
        }
    }

    @Test
    void lockingAnAdminEndsTheAdminsSessionsToo() throws Exception {
        try (VidShareClient deputy = registerAdminAndLogIn("deputy-1")) {
            long deputyId = WalletSupport.userId(deputy);
            assertThat(boss.call(Map.of("type", "lock_user", "user_id", deputyId)).ok()).isTrue();
            assertThat(deputy.call(Map.of("type", "list_users")).code()).isEqualTo("not_logged_in");
            assertThat(deputy.login("deputy-1", TestServer.PASSWORD).code()).isEqualTo("locked");
        }
    }

    @Test
    void anAdminCannotLockThemself() throws Exception {
        long bossId = WalletSupport.userId(boss);
        ClientReply reply = boss.call(Map.of("type", "lock_user", "user_id", bossId));
        assertThat(reply.code()).isEqualTo("bad_request");
        assertThat(boss.call(Map.of("type", "whoami")).ok()).isTrue();
        assertThat(userRow(boss.call(Map.of("type", "list_users")), bossId).get("is_locked").asInt()).isZero();
    }

    @Test
    void unlockAlsoClearsTheFailureLock() throws Exception {
        try (VidShareClient carol = server.loggedIn("fail-carol", "user")) {
            long carolId = WalletSupport.userId(carol);
            failLoginsUntilLocked("fail-carol");
            try (VidShareClient client = server.client()) {
                assertThat(client.login("fail-carol", TestServer.PASSWORD).code()).isEqualTo("locked");
                assertThat(boss.call(Map.of("type", "unlock_user", "user_id", carolId)).ok()).isTrue();
                assertThat(client.login("fail-carol", TestServer.PASSWORD).ok()).isTrue();
            }
            // The failure lock never ended the live session.
            assertThat(carol.call(Map.of("type", "whoami")).ok()).isTrue();
        }
    }

    @Test
    void resetPasswordReplacesThePasswordEndsSessionsAndKeepsTheFailureLock() throws Exception {
        try (VidShareClient dave = server.loggedIn("reset-dave", "user")) {
            long daveId = WalletSupport.userId(dave);
            ClientReply reset = boss.call(Map.of("type", "reset_password", "user_id", daveId,
                    "new_password", Passwords.md5Hex("brand-new")));
            assertThat(reset.ok()).as(reset.toString()).isTrue();
            // The account's sessions end with the old password (issue 16); the admin's stays.
            assertThat(dave.call(Map.of("type", "whoami")).code()).isEqualTo("not_logged_in");
            assertThat(boss.call(Map.of("type", "whoami")).ok()).isTrue();
            try (VidShareClient client = server.client()) {
                assertThat(client.login("reset-dave", TestServer.PASSWORD).code()).isEqualTo("bad_credentials");
                assertThat(client.login("reset-dave", "brand-new").ok()).isTrue();
            }

            failLoginsUntilLocked("reset-dave");
            assertThat(boss.call(Map.of("type", "reset_password", "user_id", daveId,
                    "new_password", Passwords.md5Hex("newer-still"))).ok()).isTrue();
            try (VidShareClient client = server.client()) {
                assertThat(client.login("reset-dave", "newer-still").code()).isEqualTo("locked");
                assertThat(boss.call(Map.of("type", "unlock_user", "user_id", daveId)).ok()).isTrue();
                assertThat(client.login("reset-dave", "newer-still").ok()).isTrue();
            }
        }
    }

    @Test
    void unknownUserIdIsNotFoundAndBadInputIsBadRequest() throws Exception {
        long missing = 987_654_321L;
        assertThat(boss.call(Map.of("type", "lock_user", "user_id", missing)).code()).isEqualTo("not_found");
        assertThat(boss.call(Map.of("type", "unlock_user", "user_id", missing)).code()).isEqualTo("not_found");
        assertThat(boss.call(Map.of("type", "reset_password", "user_id", missing,
                "new_password", Passwords.md5Hex("x"))).code()).isEqualTo("not_found");

        assertThat(boss.call(Map.of("type", "lock_user")).code()).isEqualTo("bad_request");
        assertThat(boss.call(Map.of("type", "unlock_user", "user_id", "7")).code()).isEqualTo("bad_request");
        try (VidShareClient erin = server.loggedIn("bad-erin", "user")) {
            long erinId = WalletSupport.userId(erin);
            ClientReply plain = boss.call(Map.of("type", "reset_password", "user_id", erinId, "new_password", "plain text"));
            assertThat(plain.code()).isEqualTo("bad_request");
            assertThat(plain.msg()).contains("new_password");
            assertThat(boss.call(Map.of("type", "reset_password", "user_id", erinId)).code()).isEqualTo("bad_request");
            try (VidShareClient client = server.client()) {
                assertThat(client.login("bad-erin", TestServer.PASSWORD).ok()).isTrue();
            }
        }
    }

    @Test
    void onlyAnAdminSessionRegistersFurtherAdmins() throws Exception {
        try (VidShareClient anonymous = server.client(); VidShareClient user = server.loggedIn("reg-frank", "user")) {
            // Loopback, but an admin exists already: no more self-made admins.
            assertThat(TestServer.register(anonymous, "self-made", "admin").code()).isEqualTo("forbidden");
            assertThat(TestServer.register(user, "user-made", "admin").code()).isEqualTo("forbidden");
            assertThat(anonymous.login("self-made", TestServer.PASSWORD).code()).isEqualTo("bad_credentials");
        }
        try (VidShareClient deputy = registerAdminAndLogIn("deputy-2")) {
            ClientReply list = deputy.call(Map.of("type", "list_users"));
            assertThat(list.ok()).isTrue();
            JsonNode row = list.list("user_list").stream()
                    .filter(u -> u.get("name").asText().equals("deputy-2")).findFirst().orElseThrow();
            assertThat(row.get("user_type").asText()).isEqualTo("admin");
            // Admins start with no money, whatever the configured initial balance of users.
            assertThat(row.get("balance_cents").asLong()).isZero();
        }
    }

    private static VidShareClient registerAdminAndLogIn(String name) throws Exception {
        ClientReply registered = TestServer.register(boss, name, "admin");
        assertThat(registered.ok()).as(registered.toString()).isTrue();
        VidShareClient client = server.client();
        ClientReply login = client.login(name, TestServer.PASSWORD);
        assertThat(login.ok()).as(login.toString()).isTrue();
        assertThat(login.string("user_type")).isEqualTo("admin");
        return client;
    }

    private static void awaitOffset(VidShareClient client, Map<String, Object> check, long expected) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long offset = client.call(check).number("offset");
        while (offset < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            offset = client.call(check).number("offset");
        }
        assertThat(offset).as("bytes the server holds of the upload in flight").isEqualTo(expected);
    }

    private static void failLoginsUntilLocked(String name) throws Exception {
        try (VidShareClient client = server.client()) {
            for (int i = 0; i < MAX_FAILURES; i++) {
                assertThat(client.login(name, "wrong-" + i).code()).isEqualTo("bad_credentials");
            }
            assertThat(client.login(name, "wrong-again").code()).isEqualTo("locked");
        }
    }

    private static JsonNode userRow(ClientReply list, long id) {
        assertThat(list.ok()).as(list.toString()).isTrue();
        return list.list("user_list").stream()
                .filter(u -> u.get("id").asLong() == id).findFirst()
                .orElseThrow(() -> new AssertionError("user " + id + " not in " + list));
    }
}
