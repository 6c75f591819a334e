package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.Wire.assertCode;
import static org.vidshare.e2e.Wire.whoami;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.hash.Fingerprint;
import org.vidshare.core.hash.Passwords;

/**
 * The holes of the original design, each tried over the wire: a {@code user_id} (or price, VIP or
 * movie type claim) injected into the money and history commands, sessions replayed after a lock
 * and from a closed connection, every admin command (taken from an admin's own {@code features},
 * so a new admin plugin is covered without touching this test) called by a user and by nobody, the
 * user-only wallet commands called by an admin, and the same from a classic-dialect connection that
 * never says hello. What {@link SessionTest}, {@link AdminUsersTest}, {@link AdminRegistrationTest}
 * and {@link LogoutTest} already prove is not repeated here.
 */
@ServerSettings({"wallet.payment-provider=demo", "price.movie-regular-cents=" + AuthAbuseTest.REGULAR_PRICE})
class AuthAbuseTest extends OneServerPerClass {
    private static final long VICTIM_CREDIT = 5000;
    static final long REGULAR_PRICE = 1000;

    @TempDir
    static Path files;

    private static VidShareClient boss;
    private static long victimId;
    private static long paidMovieId;
    private static Path movie;

    @BeforeAll
    static void start() throws Exception {
        boss = Admins.loggedIn(server, Admins.FIRST);
        movie = MovieFiles.random(files, "paid.mp4", 2048, 7);
        paidMovieId = MovieFiles.upload(boss, movie, false);
        try (VidShareClient victim = server.loggedIn("victim", "user")) {
            victimId = WalletSupport.userId(victim);
            assertCode(WalletSupport.grant(boss, victimId, VICTIM_CREDIT), "ok");
            ClientReply bought = victim.download(DownloadSupport.request(paidMovieId, 0), files.resolve("victim.mp4"),
                    org.vidshare.client.TransferListener.NONE);
            assertThat(bought.number("price_cents")).isEqualTo(REGULAR_PRICE);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        boss.close();
    }

    @Test
    void anInjectedUserIdOrClaimNeverActsOnAnotherAccount() throws Exception {
        try (VidShareClient attacker = server.loggedIn("thief", "user")) {
            long attackerId = WalletSupport.userId(attacker);
            Map<String, Object> claims = Map.of("user_id", victimId, "is_vip", 1, "user_type", "admin",
                    "price_cents", 0, "balance_cents", 1_000_000);

            ClientReply wallet = attacker.call(with(Map.of("type", "wallet"), claims));
            assertCode(wallet, "ok");
            assertThat(wallet.number("balance_cents")).as("the attacker's own balance").isZero();
            assertThat(wallet.list("ledger")).as("the attacker's own ledger").isEmpty();

            ClientReply records = attacker.call(with(Map.of("type", "check_download_record"), claims));
            assertCode(records, "ok");
            assertThat(records.list("record_list")).as("the attacker's own records").isEmpty();

            assertCode(attacker.call(with(Map.of("type", "buy_vip"), claims)), "insufficient_balance");
            // The victim bought this movie; a free-movie claim and the victim's id must not make it free.
            assertCode(attacker.call(with(Map.of("type", "download_movie", "movie_id", paidMovieId, "offset", 0,
                    "movie_type", "free", "is_free", 1), claims)), "insufficient_balance");

            ClientReply recharged = attacker.call(with(Map.of("type", "recharge", "amount_cents", 300), claims));
            assertCode(recharged, "ok");
            assertThat(recharged.number("balance_cents")).as("the recharge went to the caller").isEqualTo(300);
            ClientReply me = attacker.call(with(Map.of("type", "whoami"), claims));
            assertThat(me.number("user_id")).isEqualTo(attackerId);
            assertThat(me.number("is_vip")).isZero();
            assertThat(me.string("user_type")).isEqualTo("user");
        }
        victimIsUntouched();
    }

    @Test
    void aSessionDoesNotComeBackAfterALockIsLiftedNorOutlivesItsConnection() throws Exception {
        try (VidShareClient locked = server.loggedIn("locked-out", "user"); VidShareClient other = server.client()) {
            String token = locked.session();
            long id = WalletSupport.userId(locked);
            assertCode(boss.call(Map.of("type", "lock_user", "user_id", id)), "ok");
            assertCode(boss.call(Map.of("type", "unlock_user", "user_id", id)), "ok");
            // Unlocking lets the account log in again; it does not revive the sessions the lock ended.
            assertCode(whoami(locked), "not_logged_in");
            assertCode(other.call(Map.of("type", "whoami", "session", token)), "not_logged_in");
            assertCode(Wire.login(locked, "locked-out", TestServer.PASSWORD), "ok");
            assertCode(locked.call(Map.of("type", "whoami", "session", token)), "not_logged_in");
        }
        String orphan;
        try (VidShareClient gone = server.loggedIn("gone", "user")) {
            orphan = gone.session();
        }
        try (VidShareClient thief = server.loggedIn("token-finder", "user")) {
            assertCode(thief.call(Map.of("type", "whoami", "session", orphan)), "not_logged_in");
            assertCode(thief.call(Map.of("type", "wallet", "session", orphan)), "not_logged_in");
            // An admin's token is worth nothing on a user's connection either.
            assertCode(thief.call(Map.of("type", "list_users", "session", boss.session())), "not_logged_in");
        }
    }

    @Test
    void everyAdminCommandIsForbiddenToAUserAndNeedsALoginFromNobody() throws Exception {
        List<JsonNode> adminOnly = adminOnlyFeatures();
        try (VidShareClient user = server.loggedIn("mallory", "user"); VidShareClient anonymous = server.client()) {
            long balance = WalletSupport.balance(user);
            for (JsonNode feature : adminOnly) {
                String type = feature.get("type").asText();
                assertCode(attempt(user, feature), "forbidden");
                assertCode(attempt(anonymous, feature), "not_logged_in");
                // The refusals were read in sync: the connection still serves the next request.
                assertThat(Wire.ping(user).ok()).as("connection usable after the refused %s", type).isTrue();
            }
            assertThat(WalletSupport.balance(user)).isEqualTo(balance);
        }
        adminStateIsUntouched();
    }

    @Test
    void theUserOnlyWalletCommandsAreForbiddenToAnAdmin() throws Exception {
        List<String> userOnly = new ArrayList<>(Wire.featureTypes(userLogin()));
        userOnly.removeAll(Wire.featureTypes(adminLogin()));
        assertThat(userOnly).as("commands for users but not admins").contains("wallet", "buy_vip", "recharge");
        for (String type : userOnly) {
            assertCode(boss.call(Map.of("type", type, "amount_cents", 100)), "forbidden");
        }
        assertThat(WalletSupport.isVip(boss)).isFalse();
    }

    @Test
    void aClassicConnectionGetsNoMoreThanAV1One() throws Exception {
        List<JsonNode> adminOnly = adminOnlyFeatures();
        try (VidShareClient v1 = server.loggedIn("classic-mallory", "user");
             ClassicClient classic = new ClassicClient(server.port())) {
            // Claiming to be an admin at login is refused, not believed.
            JsonNode claimed = classic.send(Map.of("type", "login", "name", "classic-mallory",
                    "password", Passwords.md5Hex(TestServer.PASSWORD), "user_type", "admin"));
            assertThat(claimed.path("code").asText()).as(claimed.toString()).isEqualTo("wrong_user_type");
            assertThat(claimed.has("session")).isFalse();
            JsonNode login = classic.send(Map.of("type", "login", "name", "classic-mallory",
                    "password", Passwords.md5Hex(TestServer.PASSWORD), "user_type", "user"));
            assertThat(login.path("flag").asBoolean()).as(login.toString()).isTrue();

            for (JsonNode feature : adminOnly) {
                assertThat(classicAttempt(classic, feature).path("code").asText())
                        .as("classic %s", feature.get("type").asText()).isEqualTo("forbidden");
            }
            // The classic names of the admin commands are no back door either.
            assertThat(classicAttempt(classic, Map.of("type", "upload", "file_name", "c.mp4", "is_free", 1))
                    .path("code").asText()).isEqualTo("forbidden");

            JsonNode vip = classic.send(Map.of("type", "buy_member", "user_id", victimId, "user_type", "admin"));
            assertThat(vip.path("code").asText()).as(vip.toString()).isEqualTo("insufficient_balance");
            JsonNode download = classic.send(Map.of("type", "download_movie", "movie_id", paidMovieId,
                    "movie_type", "free", "user_id", victimId));
            assertThat(download.path("code").asText()).as(download.toString()).isEqualTo("insufficient_balance");
            JsonNode register = classic.send(Map.of("type", "register", "name", "classic-admin",
                    "password", Passwords.md5Hex("x"), "user_type", "admin"));
            assertThat(register.path("code").asText()).isEqualTo("forbidden");

            // A v1 token replayed on the classic connection, and the classic token on the v1 one.
            JsonNode replayed = classic.send(Map.of("type", "whoami", "session", v1.session()));
            assertThat(replayed.path("code").asText()).isEqualTo("not_logged_in");
            assertCode(v1.call(Map.of("type", "whoami", "session", classic.session())), "not_logged_in");
        }
        try (ClassicClient anonymous = new ClassicClient(server.port())) {
            JsonNode list = anonymous.send(Map.of("type", "list_users", "user_type", "admin", "user_id", 1));
            assertThat(list.path("code").asText()).isEqualTo("not_logged_in");
        }
        victimIsUntouched();
        adminStateIsUntouched();
    }

    // --- attempts built from a feature's own description

    /** The admin's features minus a user's: derived, so a new admin plugin is tried without editing this test. */
    private static List<JsonNode> adminOnlyFeatures() throws IOException {
        List<String> userTypes = Wire.featureTypes(userLogin());
        List<JsonNode> adminOnly = adminLogin().list("features").stream()
                .filter(f -> !userTypes.contains(f.get("type").asText())).toList();
        assertThat(adminOnly.stream().map(f -> f.get("type").asText()))
                .as("admin-only commands").contains("upload_movie", "delete_movie", "release_notice", "check_movie",
                        "list_users", "lock_user", "unlock_user", "reset_password", "grant_credit");
        return adminOnly;
    }

    private static ClientReply adminLogin() throws IOException {
        try (VidShareClient admin = server.client()) {
            return admin.login(Admins.FIRST, TestServer.PASSWORD);
        }
    }

    private static ClientReply userLogin() throws IOException {
        try (VidShareClient user = server.loggedIn("feature-reader", "user")) {
            return user.login("feature-reader", TestServer.PASSWORD);
        }
    }

    /**
     * A well-formed request for a feature, aimed at real targets (the victim, the paid movie), so a
     * gate that let it through would change something visible. A file field makes it an upload.
     */
    private static Map<String, Object> requestFor(JsonNode feature) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", feature.get("type").asText());
        for (JsonNode field : feature.get("fields")) {
            String name = field.get("name").asText();
            switch (field.get("kind").asText()) {
                case "number" -> request.put(name, name.contains("movie") ? paidMovieId : (name.contains("amount") ? 100 : victimId));
                case "movie" -> request.put(name, paidMovieId);
                case "password" -> request.put(name, Passwords.md5Hex("taken-over"));
                case "bool" -> request.put(name, 1);
                case "choice" -> request.put(name, field.get("choices").get(0).asText());
                case "file" -> {
                    request.put("file_name", "forbidden.mp4");
                    request.put("file_size", 2048);
                    request.put("file_md5", "0".repeat(32));
                }
                default -> request.put(name, "abuse");
            }
        }
        // The aliases that the field list does not name.
        request.putIfAbsent("user_id", victimId);
        request.putIfAbsent("movie_id", paidMovieId);
        request.putIfAbsent("delete_movie_id", paidMovieId);
        return request;
    }

    private static ClientReply attempt(VidShareClient client, JsonNode feature) throws IOException {
        Map<String, Object> request = requestFor(feature);
        if (request.containsKey("file_size")) {
            Path file = uploadFile();
            request.put("file_md5", Fingerprint.of(file));
            return client.upload(request, file, org.vidshare.client.TransferListener.NONE);
        }
        return client.call(request);
    }

    private static JsonNode classicAttempt(ClassicClient classic, JsonNode feature) throws IOException {
        return classicAttempt(classic, requestFor(feature));
    }

    private static JsonNode classicAttempt(ClassicClient classic, Map<String, Object> request) throws IOException {
        if (request.get("type").equals("upload") || request.containsKey("file_size")) {
            Path file = uploadFile();
            Map<String, Object> upload = new LinkedHashMap<>(request);
            upload.put("file_size", Files.size(file));
            upload.put("file_md5", Fingerprint.of(file));
            return classic.sendWithFile(upload, file);
        }
        return classic.send(request);
    }

    private static Path uploadFile() throws IOException {
        Path file = files.resolve("forbidden.mp4");
        if (!Files.exists(file)) {
            MovieFiles.random(files, "forbidden.mp4", 2048, 99);
        }
        return file;
    }

    private static Map<String, Object> with(Map<String, Object> request, Map<String, Object> claims) {
        Map<String, Object> merged = new LinkedHashMap<>(request);
        merged.putAll(claims);
        return merged;
    }

    // --- what must not have changed

    /** The victim's money, VIP state, history and password are as the setup left them. */
    private static void victimIsUntouched() throws IOException {
        try (VidShareClient victim = server.client()) {
            assertCode(victim.login("victim", TestServer.PASSWORD), "ok");
            assertThat(WalletSupport.wallet(victim).number("balance_cents")).isEqualTo(VICTIM_CREDIT - REGULAR_PRICE);
            assertThat(WalletSupport.isVip(victim)).isFalse();
            assertThat(victim.call(Map.of("type", "check_download_record")).list("record_list")).hasSize(1);
        }
    }

    /** No refused admin command left a trace: the movie is listed, no notice, nobody locked or reset. */
    private static void adminStateIsUntouched() throws IOException {
        assertThat(Uploads.listed(boss, "paid.mp4")).as("the paid movie is still listed").isTrue();
        assertThat(Uploads.listed(boss, "forbidden.mp4")).as("no upload got through").isFalse();
        assertThat(boss.call(Map.of("type", "check_notice")).list("notice_list")).as("notices").isEmpty();
        JsonNode victimRow = boss.call(Map.of("type", "list_users")).list("user_list").stream()
                .filter(u -> u.get("id").asLong() == victimId).findFirst().orElseThrow();
        assertThat(victimRow.get("is_locked").asInt()).isZero();
        victimIsUntouched();
    }
}
