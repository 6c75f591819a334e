package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.Wire.assertCode;
import static org.vidshare.e2e.Wire.featureTypes;
import static org.vidshare.e2e.Wire.login;
import static org.vidshare.e2e.Wire.md5;
import static org.vidshare.e2e.Wire.register;
import static org.vidshare.e2e.Wire.request;
import static org.vidshare.e2e.Wire.whoami;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

/**
 * {@code login}: the reply, the check order of docs/protocol.md and the per-name failure lock.
 * The per-address limit has its own class, because every test here shares 127.0.0.1.
 */
@ServerSettings({"login.max-failures=" + LoginTest.MAX_FAILURES, "login.max-failures-per-address=100000"})
class LoginTest extends OneServerPerClass {
    static final int MAX_FAILURES = 3;

    @Test
    void aSuccessfulLoginReturnsSessionAccountAndFeatures() throws Exception {
        try (VidShareClient client = server.client()) {
            assertCode(register(client, "reply-shape", "pw", "user"), "ok");
            ClientReply reply = login(client, "reply-shape", "pw", "user");
            assertCode(reply, "ok");
            assertThat(reply.msg()).isEqualTo("Logged in");
            assertThat(reply.string("session")).matches("[0-9a-f]{32,}");
            assertThat(reply.get("user_id").isIntegralNumber()).isTrue();
            assertThat(reply.get("is_vip").asInt()).isZero();
            assertThat(reply.string("user_type")).isEqualTo("user");
            assertThat(reply.get("balance_cents").isIntegralNumber()).isTrue();
            assertThat(reply.number("balance_cents")).isZero();
            assertThat(reply.has("last_notice")).isTrue();
            assertThat(reply.get("last_notice").isNull()).isTrue();
            assertThat(whoami(client).number("user_id")).isEqualTo(reply.number("user_id"));
        }
    }

    @Test
    void featuresFollowTheRole() throws Exception {
        try (VidShareClient client = server.raw()) {
            List<String> publicTypes = featureTypes(client.hello("en").list("features"));
            assertThat(publicTypes).contains("register", "login", "ping")
                    .doesNotContain("whoami", "logout", "change_password", "hello");

            assertCode(register(client, "feature-user", "pw", "user"), "ok");
            ClientReply login = login(client, "feature-user", "pw");
            List<JsonNode> userFeatures = login.list("features");
            assertThat(featureTypes(userFeatures)).contains("whoami", "logout", "change_password", "ping", "register", "login")
                    .doesNotContain("hello");
            assertThat(userFeatures).allSatisfy(f -> assertThat(f.get("role").asText()).isIn("public", "user"));
            assertThat(userFeatures).filteredOn(f -> f.get("type").asText().equals("whoami"))
                    .singleElement().satisfies(f -> {
                        assertThat(f.get("label").asText()).isEqualTo("My account");
                        assertThat(f.get("role").asText()).isEqualTo("user");
                    });
            // hello again lists the same: the connection's current role.
            assertThat(featureTypes(client.hello("en").list("features"))).isEqualTo(featureTypes(userFeatures));
            // The list comes in the connection's language.
            assertThat(login(client, "feature-user", "pw").list("features")).isNotEmpty();
            client.hello("zh-CN");
            ClientReply zh = login(client, "feature-user", "pw");
            assertThat(zh.list("features")).filteredOn(f -> f.get("type").asText().equals("whoami"))
                    .singleElement().satisfies(f -> assertThat(f.get("label").asText()).isEqualTo("我的账户"));

            assertCode(client.call(Map.of("type", "logout")), "ok");
            assertThat(featureTypes(client.hello("en").list("features"))).isEqualTo(publicTypes);
        }
        try (VidShareClient admin = server.client()) {
            // The first admin of this server: loopback, no admin yet.
            assertCode(register(admin, "feature-admin", "pw", "admin"), "ok");
            ClientReply login = login(admin, "feature-admin", "pw", "admin");
            assertCode(login, "ok");
            assertThat(login.string("user_type")).isEqualTo("admin");
            assertThat(featureTypes(login.list("features"))).contains("whoami", "logout", "change_password", "register");
        }
    }

    @Test
    void unknownNameAndWrongPasswordGetTheSameAnswer() throws Exception {
        try (VidShareClient client = server.client()) {
            assertCode(register(client, "same-answer", "right", "user"), "ok");
            ClientReply wrong = login(client, "same-answer", "wrong");
            ClientReply unknown = login(client, "no-such-user-anywhere", "right");
            assertCode(wrong, "bad_credentials");
            assertCode(unknown, "bad_credentials");
            assertThat(wrong.msg()).isEqualTo(unknown.msg());
            assertThat(wrong.has("session")).isFalse();
            assertCode(whoami(client), "not_logged_in");
        }
    }

    @Test
    void theNameIsTrimmedAndCaseSensitive() throws Exception {
        try (VidShareClient client = server.client()) {
            assertCode(register(client, "Dora", "pw", "user"), "ok");
            assertCode(login(client, "  Dora\t", "pw"), "ok");
            assertCode(login(client, "dora", "pw"), "bad_credentials");
            assertCode(login(client, "DORA", "pw"), "bad_credentials");
        }
    }

    @Test
    void malformedLoginsAreBadRequestsAndDoNotCount() throws Exception {
        try (VidShareClient client = server.client()) {
            assertCode(register(client, "malformed", "pw", "user"), "ok");
            for (int i = 0; i < MAX_FAILURES + 1; i++) {
                assertCode(client.call(request("type", "login", "name", "malformed", "password", "pw")), "bad_request");
                assertCode(client.call(request("type", "login", "name", "malformed", "password", md5("pw").toUpperCase())),
                        "bad_request");
                assertCode(client.call(request("type", "login", "name", "malformed")), "bad_request");
                assertCode(client.call(request("type", "login", "password", md5("pw"))), "bad_request");
                assertCode(client.call(request("type", "login", "name", 7, "password", md5("pw"))), "bad_request");
                assertCode(client.call(request("type", "login", "name", "malformed", "password", md5("pw"),
                        "user_type", "superuser")), "bad_request");
            }
            assertCode(login(client, "malformed", "pw"), "ok");
        }
    }

    @Test
    void wrongUserTypeIsRefusedButNotCounted() throws Exception {
        try (VidShareClient client = server.client()) {
            assertCode(register(client, "typed-user", "pw", "user"), "ok");
            for (int i = 0; i < MAX_FAILURES + 2; i++) {
                ClientReply reply = login(client, "typed-user", "pw", "admin");
                assertCode(reply, "wrong_user_type");
                assertThat(reply.has("session")).isFalse();
            }
            assertCode(whoami(client), "not_logged_in");
            assertCode(login(client, "typed-user", "pw", "user"), "ok");
            assertCode(login(client, "typed-user", "pw"), "ok");
        }
    }

    @Test
    void maxFailuresLockTheNameEvenForTheRightPassword() throws Exception {
        try (VidShareClient client = server.client()) {
            assertCode(register(client, "lock-me", "pw", "user"), "ok");
            for (int i = 0; i < MAX_FAILURES; i++) {
                assertCode(login(client, "lock-me", "wrong-" + i), "bad_credentials");
            }
            // The lock comes before the password check: right or wrong, the answer is locked.
            assertCode(login(client, "lock-me", "pw"), "locked");
            assertCode(login(client, "lock-me", "wrong"), "locked");
            assertCode(login(client, "lock-me", "pw", "admin"), "locked");
            assertCode(whoami(client), "not_logged_in");
        }
        // Another connection (same address) sees the same lock: it belongs to the name on this address.
        try (VidShareClient other = server.client()) {
            assertCode(login(other, "lock-me", "pw"), "locked");
        }
    }

    @Test
    void unknownNamesLockToo() throws Exception {
        try (VidShareClient client = server.client()) {
            for (int i = 0; i < MAX_FAILURES; i++) {
                assertCode(login(client, "ghost", "pw"), "bad_credentials");
            }
            assertCode(register(client, "ghost", "pw", "user"), "ok");
            assertCode(login(client, "ghost", "pw"), "locked");
        }
    }

    @Test
    void onlyALoginThatReturnsASessionResetsTheCount() throws Exception {
        try (VidShareClient client = server.client()) {
            assertCode(register(client, "reset-me", "pw", "user"), "ok");
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < MAX_FAILURES - 1; i++) {
                    assertCode(login(client, "reset-me", "wrong"), "bad_credentials");
                }
                assertCode(login(client, "reset-me", "pw"), "ok");
            }
            // A wrong user type with the right password returns no session: it resets nothing.
            for (int i = 0; i < MAX_FAILURES - 1; i++) {
                assertCode(login(client, "reset-me", "wrong"), "bad_credentials");
            }
            assertCode(login(client, "reset-me", "pw", "admin"), "wrong_user_type");
            // Neither does a successful change of password.
            assertCode(client.call(Map.of("type", "change_password", "old_password", md5("pw"),
                    "new_password", md5("pw2"))), "ok");
            assertCode(login(client, "reset-me", "wrong"), "bad_credentials");
            assertCode(login(client, "reset-me", "pw2"), "locked");
        }
    }

    @Test
    void failuresOfOneNameDoNotLockAnother() throws Exception {
        try (VidShareClient client = server.client()) {
            assertCode(register(client, "neighbour-a", "pw", "user"), "ok");
            assertCode(register(client, "neighbour-b", "pw", "user"), "ok");
            for (int i = 0; i < MAX_FAILURES; i++) {
                assertCode(login(client, "neighbour-a", "wrong"), "bad_credentials");
            }
            assertCode(login(client, "neighbour-a", "pw"), "locked");
            assertCode(login(client, "neighbour-b", "pw"), "ok");
        }
    }

    @Test
    void theAdminLockComesAfterThePasswordAndBeforeTheUserType() throws Exception {
        TestServer own = TestServer.start();
        try {
            try (VidShareClient client = own.client()) {
                assertCode(register(client, "frozen", "pw", "user"), "ok");
                assertCode(register(client, "thawed", "pw", "user"), "ok");
            }
            // No lock_user command exists yet: set the stored flag while the server is down.
            own.close();
            try (Connection db = DriverManager.getConnection(own.jdbcUrl(), "sa", "");
                 PreparedStatement lock = db.prepareStatement("UPDATE VS_USER SET IS_LOCKED = TRUE WHERE NAME = ?")) {
                lock.setString(1, "frozen");
                assertThat(lock.executeUpdate()).isEqualTo(1);
            }
            own.restart();
            try (VidShareClient client = own.client()) {
                ClientReply locked = login(client, "frozen", "pw");
                assertCode(locked, "locked");
                assertThat(locked.has("session")).isFalse();
                assertCode(login(client, "frozen", "wrong"), "bad_credentials");
                assertCode(login(client, "frozen", "pw", "admin"), "locked");
                assertCode(whoami(client), "not_logged_in");
                assertCode(login(client, "thawed", "pw"), "ok");
            }
        } finally {
            own.closeAndDelete();
        }
    }

    @Test
    void anAccountLockedByAnAdminOverTheWireFollowsTheSameOrder() throws Exception {
        TestServer own = TestServer.start();
        try (VidShareClient admin = Admins.loggedIn(own, Admins.FIRST);
             VidShareClient victim = own.loggedIn("to-be-locked", "user")) {
            long id = whoami(victim).number("user_id");
            assertCode(admin.call(Map.of("type", "lock_user", "user_id", id)), "ok");
            // Its live session ended at once; the connection stays.
            assertCode(whoami(victim), "not_logged_in");
            assertCode(login(victim, "to-be-locked", TestServer.PASSWORD), "locked");
            assertCode(login(victim, "to-be-locked", "wrong"), "bad_credentials");
            assertCode(login(victim, "to-be-locked", TestServer.PASSWORD, "admin"), "locked");
            assertCode(admin.call(Map.of("type", "unlock_user", "user_id", id)), "ok");
            assertCode(login(victim, "to-be-locked", TestServer.PASSWORD), "ok");
        } finally {
            own.closeAndDelete();
        }
    }
}
