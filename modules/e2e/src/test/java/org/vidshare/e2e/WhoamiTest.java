package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.Wire.assertCode;
import static org.vidshare.e2e.Wire.login;
import static org.vidshare.e2e.Wire.register;
import static org.vidshare.e2e.Wire.whoami;

import org.junit.jupiter.api.Test;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

/** {@code whoami}: the account behind the session, as stored now. */
@ServerSettings({"wallet.initial-balance-cents=" + WhoamiTest.INITIAL_CENTS})
class WhoamiTest extends OneServerPerClass {
    static final long INITIAL_CENTS = 250;

    @Test
    void describesTheSessionsAccount() throws Exception {
        try (VidShareClient client = server.client()) {
            assertCode(register(client, "  me-myself ", "pw", "user"), "ok");
            ClientReply login = login(client, "me-myself", "pw");
            ClientReply me = whoami(client);
            assertCode(me, "ok");
            assertThat(me.number("user_id")).isEqualTo(login.number("user_id"));
            assertThat(me.string("name")).isEqualTo("me-myself");
            assertThat(me.string("user_type")).isEqualTo("user");
            assertThat(me.get("is_vip").isIntegralNumber()).isTrue();
            assertThat(me.number("is_vip")).isZero();
            // New accounts start with the configured initial balance, and login reports the same.
            assertThat(me.number("balance_cents")).isEqualTo(INITIAL_CENTS);
            assertThat(login.number("balance_cents")).isEqualTo(INITIAL_CENTS);
            assertThat(me.has("password")).isFalse();
            assertThat(me.has("password_hash")).isFalse();
        }
    }

    @Test
    void anAdminIsAnAdmin() throws Exception {
        try (VidShareClient client = server.client()) {
            // The first admin of this server (no other test here makes one).
            assertCode(register(client, "whoami-admin", "pw", "admin"), "ok");
        }
        try (VidShareClient client = server.client()) {
            assertCode(login(client, "whoami-admin", "pw", "admin"), "ok");
            ClientReply me = whoami(client);
            assertThat(me.string("user_type")).isEqualTo("admin");
            assertThat(me.string("name")).isEqualTo("whoami-admin");
        }
    }

    @Test
    void differentAccountsSeeThemselves() throws Exception {
        try (VidShareClient a = server.loggedIn("whoami-a", "user");
             VidShareClient b = server.loggedIn("whoami-b", "user")) {
            ClientReply meA = whoami(a);
            ClientReply meB = whoami(b);
            assertThat(meA.string("name")).isEqualTo("whoami-a");
            assertThat(meB.string("name")).isEqualTo("whoami-b");
            assertThat(meA.number("user_id")).isNotEqualTo(meB.number("user_id"));
        }
    }

    @Test
    void withoutASessionItIsNotLoggedIn() throws Exception {
        try (VidShareClient client = server.client()) {
            ClientReply reply = whoami(client);
            assertCode(reply, "not_logged_in");
            assertThat(reply.has("user_id")).isFalse();
        }
    }
}
