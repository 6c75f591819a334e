package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.Wire.assertCode;
import static org.vidshare.e2e.Wire.login;
import static org.vidshare.e2e.Wire.md5;
import static org.vidshare.e2e.Wire.register;
import static org.vidshare.e2e.Wire.whoami;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

/**
 * Sessions (docs/protocol.md, Sessions and roles): a token is valid only on the connection that logged in, dies
 * with it, and a client's claims ({@code user_id}, {@code user_type}) grant nothing.
 */
class SessionTest extends OneServerPerClass {
    @Test
    void aTokenReplayedOnAnotherConnectionIsNotLoggedIn() throws Exception {
        try (VidShareClient owner = server.loggedIn("owner", "user");
             VidShareClient thief = server.client();
             VidShareClient otherUser = server.loggedIn("other-user", "user")) {
            String token = owner.session();
            assertCode(thief.call(Map.of("type", "whoami", "session", token)), "not_logged_in");
            assertCode(thief.call(Map.of("type", "logout", "session", token)), "not_logged_in");
            assertCode(thief.call(Map.of("type", "change_password", "session", token,
                    "old_password", md5(TestServer.PASSWORD), "new_password", md5("stolen"))), "not_logged_in");
            // Even a logged-in connection gets nothing from a foreign token: not the owner, not itself.
            assertCode(otherUser.call(Map.of("type", "whoami", "session", token)), "not_logged_in");
            // The replays harmed nothing: the owner's session and password are intact.
            assertThat(whoami(owner).string("name")).isEqualTo("owner");
            try (VidShareClient check = server.client()) {
                assertCode(login(check, "owner", TestServer.PASSWORD), "ok");
            }
        }
    }

    @Test
    void aSessionDiesWithItsConnection() throws Exception {
        // Earlier tests' connections may still be closing on the server side: start from none.
        assertThat(Wire.eventually(Duration.ofSeconds(5), () -> server.liveSessionCount() == 0)).isTrue();
        VidShareClient doomed = server.loggedIn("short-lived", "user");
        assertThat(server.liveSessionCount()).isEqualTo(1);
        doomed.close();
        assertThat(Wire.eventually(Duration.ofSeconds(5), () -> server.liveSessionCount() == 0))
                .as("session count after the connection closed").isTrue();
        assertThat(server.loggedInAccountCount()).as("accounts with sessions").isZero();
    }

    @Test
    void logoutsAndClosesLeaveNoAccountBehind() throws Exception {
        assertThat(Wire.eventually(Duration.ofSeconds(5), () -> server.liveSessionCount() == 0)).isTrue();
        try (VidShareClient a = server.loggedIn("come-and-go", "user");
             VidShareClient b = server.loggedIn("come-and-go", "user")) {
            assertThat(server.loggedInAccountCount()).isEqualTo(1);
            assertCode(a.call(Map.of("type", "logout")), "ok");
            assertThat(server.loggedInAccountCount()).isEqualTo(1);
            assertCode(b.call(Map.of("type", "logout")), "ok");
            assertThat(server.loggedInAccountCount()).isZero();
            assertCode(login(a, "come-and-go", TestServer.PASSWORD), "ok");
        }
        assertThat(Wire.eventually(Duration.ofSeconds(5), () -> server.loggedInAccountCount() == 0)).isTrue();
    }

    @Test
    void tokensAreLongRandomHexAndDistinctPerLogin() throws Exception {
        Set<String> tokens = new HashSet<>();
        try (VidShareClient client = server.client()) {
            assertCode(register(client, "many-logins", TestServer.PASSWORD, "user"), "ok");
            for (int i = 0; i < 30; i++) {
                ClientReply reply = login(client, "many-logins", TestServer.PASSWORD);
                assertThat(reply.string("session")).matches("[0-9a-f]{32,}");
                tokens.add(reply.string("session"));
            }
            // A new login on the connection replaces its session: only the newest token works.
            assertCode(whoami(client), "ok");
        }
        assertThat(tokens).hasSize(30);
    }

    @Test
    void aNewLoginOnTheConnectionRetiresItsOldToken() throws Exception {
        try (VidShareClient client = server.loggedIn("relogin", "user")) {
            String old = client.session();
            assertCode(login(client, "relogin", TestServer.PASSWORD), "ok");
            assertCode(client.call(Map.of("type", "whoami", "session", old)), "not_logged_in");
            assertCode(whoami(client), "ok");
        }
    }

    @Test
    void anAccountMayHoldManySessionsAtOnce() throws Exception {
        try (VidShareClient a = server.loggedIn("everywhere", "user");
             VidShareClient b = server.loggedIn("everywhere", "user");
             VidShareClient c = server.loggedIn("everywhere", "user")) {
            assertThat(Set.of(a.session(), b.session(), c.session())).hasSize(3);
            for (VidShareClient client : new VidShareClient[] {a, b, c}) {
                assertThat(whoami(client).string("name")).isEqualTo("everywhere");
            }
        }
    }

    @Test
    void anInjectedUserIdGrantsNothing() throws Exception {
        long victimId;
        try (VidShareClient victim = server.loggedIn("victim-account", "user")) {
            victimId = whoami(victim).number("user_id");
        }
        try (VidShareClient attacker = server.loggedIn("attacker", "user")) {
            long attackerId = whoami(attacker).number("user_id");
            ClientReply me = attacker.call(Map.of("type", "whoami", "user_id", victimId, "name", "victim-account"));
            assertThat(me.number("user_id")).isEqualTo(attackerId);
            assertThat(me.string("name")).isEqualTo("attacker");
            // change_password acts on the session's account, whatever user_id says.
            assertCode(attacker.call(Map.of("type", "change_password", "user_id", victimId,
                    "old_password", md5(TestServer.PASSWORD), "new_password", md5("attacker-new"))), "ok");
        }
        try (VidShareClient check = server.client()) {
            assertCode(login(check, "victim-account", TestServer.PASSWORD), "ok");
            assertCode(login(check, "attacker", "attacker-new"), "ok");
        }
        try (VidShareClient anonymous = server.client()) {
            assertCode(anonymous.call(Map.of("type", "whoami", "user_id", victimId)), "not_logged_in");
            assertCode(anonymous.call(Map.of("type", "whoami", "user_id", victimId, "user_type", "admin")), "not_logged_in");
        }
    }

    @Test
    void aMissingOrMalformedSessionIsNotLoggedIn() throws Exception {
        try (VidShareClient client = server.client()) {
            for (Object session : new Object[] {"", "not-a-token", "0".repeat(32), 12345, true}) {
                assertCode(client.call(Wire.request("type", "whoami", "session", session)), "not_logged_in");
            }
            assertCode(client.call(Wire.request("type", "whoami", "session", null)), "not_logged_in");
            assertCode(whoami(client), "not_logged_in");
        }
    }

    @Test
    void aUserSessionCannotReachAdminOnlyRights() throws Exception {
        try (VidShareClient first = server.client()) {
            // The first admin of this server (no other test here makes one), so that rule (a) is spent.
            assertCode(register(first, "session-test-admin", TestServer.PASSWORD, "admin"), "ok");
        }
        try (VidShareClient user = server.loggedIn("mere-user", "user")) {
            ClientReply me = whoami(user);
            assertThat(me.string("user_type")).isEqualTo("user");
            // Claiming to be an admin in the request changes nothing.
            assertCode(user.call(Map.of("type", "register", "name", "wannabe", "password", md5("pw"),
                    "user_type", "admin", "session_user_type", "admin")), "forbidden");
            assertThat(user.call(Map.of("type", "whoami", "user_type", "admin")).string("user_type")).isEqualTo("user");
        }
    }
}
