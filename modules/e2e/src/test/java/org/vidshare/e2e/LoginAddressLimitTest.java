package org.vidshare.e2e;

import static org.vidshare.e2e.Wire.assertCode;
import static org.vidshare.e2e.Wire.login;
import static org.vidshare.e2e.Wire.md5;
import static org.vidshare.e2e.Wire.register;
import static org.vidshare.e2e.Wire.whoami;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vidshare.client.VidShareClient;

/**
 * The per-address limit of docs/protocol.md (Sessions and roles): more than {@code login.max-failures-per-address}
 * {@code bad_credentials} results (login or change_password) refuse every login from that address
 * with {@code too_many_requests}, checked before anything else. Each test has its own server, since
 * every test connection comes from 127.0.0.1.
 */
class LoginAddressLimitTest {
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.closeAndDelete();
        }
    }

    @Test
    void moreThanTheLimitRefusesEveryLoginFromTheAddress() throws Exception {
        server = TestServer.start(Map.of("login.max-failures-per-address", "4", "login.max-failures", "100"));
        try (VidShareClient client = server.client()) {
            assertCode(register(client, "victim", "pw", "user"), "ok");
            // Exactly the limit, spread over names known and unknown: still answered.
            for (int i = 0; i < 4; i++) {
                assertCode(login(client, i % 2 == 0 ? "victim" : "nobody-" + i, "wrong"), "bad_credentials");
            }
            assertCode(login(client, "victim", "pw"), "ok");
            // One more failure is more than the limit.
            assertCode(login(client, "victim", "wrong"), "bad_credentials");
        }
        try (VidShareClient client = server.client()) {
            assertCode(login(client, "victim", "pw"), "too_many_requests");
            assertCode(login(client, "nobody", "pw"), "too_many_requests");
            assertCode(login(client, "victim", "pw", "user"), "too_many_requests");
            assertCode(whoami(client), "not_logged_in");
            // Only login is refused: the connection and the other public commands keep working.
            assertCode(Wire.ping(client), "ok");
            assertCode(register(client, "newcomer", "pw", "user"), "ok");
            assertCode(login(client, "newcomer", "pw"), "too_many_requests");
        }
    }

    /**
     * A name longer than any account may have (32 characters) is a malformed request, like an
     * over-long text anywhere else: bad_request, not remembered as a failure. Before, each such
     * login was a failure kept in memory for 15 minutes under its name, so names of up to 1 MiB
     * let anyone fill the server's heap before logging in.
     */
    @Test
    void aNameTooLongForAnyAccountIsBadRequestAndCostsTheAddressNothing() throws Exception {
        server = TestServer.start(Map.of("login.max-failures-per-address", "2", "login.max-failures", "100"));
        try (VidShareClient client = server.client()) {
            assertCode(register(client, "short-name", "pw", "user"), "ok");
            assertCode(register(client, "n".repeat(33), "pw", "user"), "bad_request");
            for (int i = 0; i < 5; i++) {
                assertCode(login(client, "n".repeat(33), "wrong"), "bad_request");
                // As long as a request frame may be (protocol.max-header-bytes, 64 KiB) allows.
                assertCode(login(client, "m".repeat(60_000) + i, "wrong"), "bad_request");
            }
            // Exactly 32 characters is a possible name: an ordinary failure.
            assertCode(login(client, "k".repeat(32), "wrong"), "bad_credentials");
            assertCode(login(client, "short-name", "pw"), "ok");
        }
    }

    @Test
    void theAddressLimitComesBeforeTheNameLock() throws Exception {
        server = TestServer.start(Map.of("login.max-failures-per-address", "3", "login.max-failures", "2"));
        try (VidShareClient client = server.client()) {
            assertCode(register(client, "locked-name", "pw", "user"), "ok");
            assertCode(login(client, "locked-name", "wrong"), "bad_credentials");
            assertCode(login(client, "locked-name", "wrong"), "bad_credentials");
            assertCode(login(client, "locked-name", "pw"), "locked");
            assertCode(login(client, "other-name", "wrong"), "bad_credentials");
            assertCode(login(client, "locked-name", "pw"), "locked");
            assertCode(login(client, "other-name", "wrong"), "bad_credentials");
            // 4 failures > 3: the address answer wins over the name's lock.
            assertCode(login(client, "locked-name", "pw"), "too_many_requests");
        }
    }

    @Test
    void wrongOldPasswordsInChangePasswordCountForTheAddress() throws Exception {
        server = TestServer.start(Map.of("login.max-failures-per-address", "2", "login.max-failures", "100"));
        try (VidShareClient client = server.loggedIn("changer", "user")) {
            for (int i = 0; i < 3; i++) {
                assertCode(client.call(Map.of("type", "change_password", "old_password", md5("wrong"),
                        "new_password", md5("new"))), "bad_credentials");
            }
            // The session in hand stays; a new login from this address does not.
            assertCode(whoami(client), "ok");
            assertCode(login(client, "changer", TestServer.PASSWORD), "too_many_requests");
            assertCode(whoami(client), "ok");
        }
    }
}
