package org.vidshare.e2e;

import static org.vidshare.e2e.Wire.assertCode;
import static org.vidshare.e2e.Wire.md5;
import static org.vidshare.e2e.Wire.whoami;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vidshare.client.VidShareClient;

/** Issue 16 item 6: a new password (change_password, reset_password) ends the account's other sessions. */
class PasswordSessionsTest extends OneServerPerClass {

    @Test
    void changePasswordEndsTheAccountsOtherSessionsOnly() throws Exception {
        try (VidShareClient changer = server.loggedIn("ps-alice", "user");
             VidShareClient second = server.loggedIn("ps-alice", "user");
             VidShareClient third = server.loggedIn("ps-alice", "user");
             VidShareClient bystander = server.loggedIn("ps-bob", "user")) {
            assertCode(changer.call(Map.of("type", "change_password", "old_password", md5(TestServer.PASSWORD),
                    "new_password", md5("fresh"))), "ok");
            assertCode(whoami(changer), "ok");
            // The other connections stay open, but their next request finds no session.
            assertCode(whoami(second), "not_logged_in");
            assertCode(whoami(third), "not_logged_in");
            assertCode(whoami(bystander), "ok");
            // They may log in again, with the new password only.
            assertCode(Wire.login(second, "ps-alice", TestServer.PASSWORD), "bad_credentials");
            assertCode(Wire.login(second, "ps-alice", "fresh"), "ok");
            assertCode(whoami(second), "ok");
        }
    }

    @Test
    void resetPasswordEndsTheAccountsSessionsButTheCallingAdmins() throws Exception {
        try (VidShareClient boss = Admins.loggedIn(server, Admins.FIRST);
             VidShareClient bossElsewhere = Admins.loggedIn(server, Admins.FIRST);
             VidShareClient carol = server.loggedIn("ps-carol", "user");
             VidShareClient carolToo = server.loggedIn("ps-carol", "user")) {
            long carolId = WalletSupport.userId(carol);
            assertCode(boss.call(Map.of("type", "reset_password", "user_id", carolId,
                    "new_password", md5("reset-1"))), "ok");
            assertCode(whoami(carol), "not_logged_in");
            assertCode(whoami(carolToo), "not_logged_in");
            assertCode(whoami(bossElsewhere), "ok");

            // An admin resetting their own password keeps this connection, ends their others.
            long bossId = boss.call(Map.of("type", "whoami")).number("user_id");
            assertCode(boss.call(Map.of("type", "reset_password", "user_id", bossId,
                    "new_password", md5(TestServer.PASSWORD))), "ok");
            assertCode(whoami(boss), "ok");
            assertCode(whoami(bossElsewhere), "not_logged_in");
        }
    }
}
