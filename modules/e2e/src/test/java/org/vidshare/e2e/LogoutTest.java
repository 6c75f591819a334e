package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.Wire.assertCode;
import static org.vidshare.e2e.Wire.login;
import static org.vidshare.e2e.Wire.ping;
import static org.vidshare.e2e.Wire.whoami;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

/** {@code logout}: the token dies at once, the connection stays, other sessions of the account live on. */
class LogoutTest extends OneServerPerClass {
    @Test
    void theTokenIsDeadAtOnceAndTheConnectionStays() throws Exception {
        try (VidShareClient client = server.loggedIn("leaver", "user")) {
            String token = client.session();
            assertCode(whoami(client), "ok");
            ClientReply logout = client.call(Map.of("type", "logout"));
            assertCode(logout, "ok");
            assertCode(client.call(Map.of("type", "whoami", "session", token)), "not_logged_in");
            assertCode(client.call(Map.of("type", "logout", "session", token)), "not_logged_in");
            assertCode(client.call(Map.of("type", "change_password", "session", token,
                    "old_password", Wire.md5(TestServer.PASSWORD), "new_password", Wire.md5("x"))), "not_logged_in");
            assertCode(ping(client), "ok");

            // The same connection may log in again, and gets a new token.
            ClientReply again = login(client, "leaver", TestServer.PASSWORD);
            assertCode(again, "ok");
            assertThat(again.string("session")).isNotEqualTo(token);
            assertCode(whoami(client), "ok");
            assertCode(client.call(Map.of("type", "whoami", "session", token)), "not_logged_in");
        }
    }

    @Test
    void logoutEndsOnlyThisConnectionsSession() throws Exception {
        try (VidShareClient first = server.loggedIn("two-places", "user");
             VidShareClient second = server.loggedIn("two-places", "user")) {
            assertCode(first.call(Map.of("type", "logout")), "ok");
            assertCode(whoami(first), "not_logged_in");
            ClientReply still = whoami(second);
            assertCode(still, "ok");
            assertThat(still.string("name")).isEqualTo("two-places");
        }
    }

    @Test
    void logoutWithoutASessionIsNotLoggedIn() throws Exception {
        try (VidShareClient client = server.client()) {
            assertCode(client.call(Map.of("type", "logout")), "not_logged_in");
            assertCode(client.call(Map.of("type", "logout", "session", "0".repeat(32))), "not_logged_in");
            assertCode(ping(client), "ok");
        }
    }

    @Test
    void logoutIsListedForAccountsOnlyAndHasNoMenuEntry() throws Exception {
        try (VidShareClient client = server.loggedIn("menu-check", "user")) {
            ClientReply hello = client.hello("en");
            assertThat(hello.list("features")).filteredOn(f -> f.get("type").asText().equals("logout"))
                    .singleElement().satisfies(f -> {
                        assertThat(f.get("menu").isNull()).isTrue();
                        assertThat(f.get("role").asText()).isEqualTo("user");
                    });
        }
    }
}
