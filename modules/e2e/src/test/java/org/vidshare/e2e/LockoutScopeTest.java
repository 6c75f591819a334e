package org.vidshare.e2e;

import static org.vidshare.e2e.Wire.assertCode;
import static org.vidshare.e2e.Wire.login;
import static org.vidshare.e2e.Wire.md5;
import static org.vidshare.e2e.Wire.register;
import static org.vidshare.e2e.Wire.whoami;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

/**
 * docs/protocol.md, Lockout scope (issue 12 item 6): failures of a name from one address lock that
 * name for that address only. The attacker connects from 127.0.0.2, the real user from 127.0.0.1
 * (both loopback: the server listens on 127.0.0.1 and sees two peers).
 */
@ServerSettings({"login.max-failures=" + LockoutScopeTest.MAX_FAILURES, "login.max-failures-per-address=100"})
class LockoutScopeTest extends OneServerPerClass {
    static final int MAX_FAILURES = 3;

    private static VidShareClient from(String address) throws IOException {
        VidShareClient client = VidShareClient.connect("127.0.0.1", server.port(), InetAddress.getByName(address));
        client.setReadTimeout(30_000);
        assertCode(client.hello("en"), "ok");
        return client;
    }

    @Test
    void aNameLockedFrom127002StillLogsInFrom127001() throws Exception {
        try (VidShareClient user = from("127.0.0.1"); VidShareClient attacker = from("127.0.0.2")) {
            assertCode(register(user, "scoped", "pw", "user"), "ok");
            for (int i = 0; i < MAX_FAILURES; i++) {
                assertCode(login(attacker, "scoped", "guess-" + i), "bad_credentials");
            }
            // Locked for the attacker's address, even with the right password.
            assertCode(login(attacker, "scoped", "pw"), "locked");
            // The real user, on another address, is not locked out.
            assertCode(login(user, "scoped", "pw"), "ok");
            assertCode(whoami(user), "ok");
            // Her success resets only her own address's count: the attacker stays locked.
            assertCode(login(attacker, "scoped", "pw"), "locked");
        }
        try (VidShareClient attackerAgain = from("127.0.0.2")) {
            assertCode(login(attackerAgain, "scoped", "pw"), "locked");
        }
    }

    @Test
    void theUsersOwnFailuresCountOnHerAddressOnly() throws Exception {
        try (VidShareClient user = from("127.0.0.1"); VidShareClient other = from("127.0.0.3")) {
            assertCode(register(user, "own-count", "pw", "user"), "ok");
            for (int i = 0; i < MAX_FAILURES; i++) {
                assertCode(login(user, "own-count", "typo-" + i), "bad_credentials");
            }
            assertCode(login(user, "own-count", "pw"), "locked");
            assertCode(login(other, "own-count", "pw"), "ok");
        }
    }

    @Test
    void wrongOldPasswordsLockChangePasswordForThatAddressOnly() throws Exception {
        try (VidShareClient owner = from("127.0.0.1"); VidShareClient stolen = from("127.0.0.4")) {
            assertCode(register(owner, "cp-scope", "pw", "user"), "ok");
            assertCode(login(owner, "cp-scope", "pw"), "ok");
            assertCode(login(stolen, "cp-scope", "pw"), "ok");
            for (int i = 0; i < MAX_FAILURES; i++) {
                assertCode(change(stolen, "guess-" + i, "mine"), "bad_credentials");
            }
            assertCode(change(stolen, "pw", "mine"), "locked");
            assertCode(change(owner, "pw", "pw2"), "ok");
            assertCode(login(owner, "cp-scope", "pw2"), "ok");
        }
    }

    private static ClientReply change(VidShareClient client, String oldPlain, String newPlain) throws IOException {
        return client.call(Map.of("type", "change_password", "old_password", md5(oldPlain), "new_password", md5(newPlain)));
    }
}
