package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.Wire.assertCode;
import static org.vidshare.e2e.Wire.login;
import static org.vidshare.e2e.Wire.md5;
import static org.vidshare.e2e.Wire.register;
import static org.vidshare.e2e.Wire.request;
import static org.vidshare.e2e.Wire.whoami;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

/**
 * {@code change_password}: needs the right old password (a wrong one counts as a login failure),
 * leaves the account's other sessions alive, and the new password survives a restart.
 */
@ServerSettings({"login.max-failures=" + ChangePasswordTest.MAX_FAILURES, "login.max-failures-per-address=100000"})
class ChangePasswordTest extends OneServerPerClass {
    static final int MAX_FAILURES = 3;

    private static ClientReply change(VidShareClient client, String oldPlain, String newPlain) throws Exception {
        return client.call(Map.of("type", "change_password", "old_password", md5(oldPlain), "new_password", md5(newPlain)));
    }

    @Test
    void theNewPasswordReplacesTheOldAndEndsTheOtherSessions() throws Exception {
        try (VidShareClient changer = server.loggedIn("changer", "user");
             VidShareClient elsewhere = server.loggedIn("changer", "user")) {
            assertCode(change(changer, TestServer.PASSWORD, "brand-new"), "ok");
            // The changing session stays; the account's other sessions end (issue 16: whoever knew
            // the old password is out).
            assertCode(whoami(changer), "ok");
            assertCode(whoami(elsewhere), "not_logged_in");
        }
        try (VidShareClient client = server.client()) {
            assertCode(login(client, "changer", TestServer.PASSWORD), "bad_credentials");
            assertCode(login(client, "changer", "brand-new"), "ok");
        }
    }

    @Test
    void aWrongOldPasswordIsBadCredentialsAndChangesNothing() throws Exception {
        try (VidShareClient client = server.loggedIn("careful", "user")) {
            assertCode(change(client, "not-the-old-one", "sneaky"), "bad_credentials");
            assertCode(whoami(client), "ok");
        }
        try (VidShareClient client = server.client()) {
            assertCode(login(client, "careful", "sneaky"), "bad_credentials");
            assertCode(login(client, "careful", TestServer.PASSWORD), "ok");
        }
    }

    @Test
    void wrongOldPasswordsCountTowardsTheNamesFailureLock() throws Exception {
        try (VidShareClient client = server.loggedIn("guessed", "user")) {
            for (int i = 0; i < MAX_FAILURES; i++) {
                assertCode(change(client, "guess-" + i, "whatever"), "bad_credentials");
            }
            // Now the name is failure-locked: even the right old password gets locked, for change and login.
            assertCode(change(client, TestServer.PASSWORD, "whatever"), "locked");
            // The session in hand is not ended by the lock.
            assertCode(whoami(client), "ok");
        }
        try (VidShareClient client = server.client()) {
            assertCode(login(client, "guessed", TestServer.PASSWORD), "locked");
        }
    }

    @Test
    void loginFailuresLockChangePasswordToo() throws Exception {
        try (VidShareClient session = server.loggedIn("lock-shared", "user");
             VidShareClient guesser = server.client()) {
            for (int i = 0; i < MAX_FAILURES; i++) {
                assertCode(login(guesser, "lock-shared", "wrong"), "bad_credentials");
            }
            assertCode(change(session, TestServer.PASSWORD, "new"), "locked");
        }
    }

    @Test
    void passwordsMustBeMd5HexAndPresent() throws Exception {
        try (VidShareClient client = server.loggedIn("format-check", "user")) {
            String good = md5(TestServer.PASSWORD);
            assertCode(client.call(request("type", "change_password", "old_password", TestServer.PASSWORD,
                    "new_password", md5("x"))), "bad_request");
            assertCode(client.call(request("type", "change_password", "old_password", good,
                    "new_password", "plain-new")), "bad_request");
            assertCode(client.call(request("type", "change_password", "old_password", good,
                    "new_password", md5("x").toUpperCase())), "bad_request");
            assertCode(client.call(request("type", "change_password", "old_password", good)), "bad_request");
            assertCode(client.call(request("type", "change_password", "new_password", md5("x"))), "bad_request");
            assertCode(client.call(request("type", "change_password", "old_password", good, "new_password", 5)),
                    "bad_request");
            // None of those changed anything, nor counted as failures.
            assertCode(login(client, "format-check", TestServer.PASSWORD), "ok");
        }
    }

    @Test
    void withoutASessionItIsNotLoggedIn() throws Exception {
        try (VidShareClient client = server.client()) {
            assertCode(register(client, "anon-change", "pw", "user"), "ok");
            assertCode(change(client, "pw", "new"), "not_logged_in");
            assertCode(login(client, "anon-change", "pw"), "ok");
        }
    }

    @Test
    void theNewPasswordWorksAfterARestart() throws Exception {
        TestServer own = TestServer.start();
        try {
            try (VidShareClient client = own.loggedIn("durable", "user")) {
                assertCode(change(client, TestServer.PASSWORD, "survives-restart"), "ok");
            }
            own.restart();
            try (VidShareClient client = own.client()) {
                assertCode(login(client, "durable", TestServer.PASSWORD), "bad_credentials");
                assertCode(login(client, "durable", "survives-restart"), "ok");
                assertThat(whoami(client).string("name")).isEqualTo("durable");
            }
        } finally {
            own.closeAndDelete();
        }
    }
}
