package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.WalletSupport.balance;
import static org.vidshare.e2e.WalletSupport.grant;
import static org.vidshare.e2e.WalletSupport.userId;
import static org.vidshare.e2e.WalletSupport.wallet;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

@ServerSettings({"wallet.max-recharge-cents=9000"})
class GrantCreditTest extends OneServerPerClass {
    @Test
    void anAdminGrantsCreditWithAGrantLedgerEntry() throws Exception {
        try (VidShareClient boss = Admins.loggedIn(server, Admins.FIRST);
             VidShareClient alice = server.loggedIn("grant-alice", "user")) {
            ClientReply reply = grant(boss, userId(alice), 9000);
            assertThat(reply.ok()).as("%s", reply).isTrue();
            assertThat(reply.number("balance_cents")).isEqualTo(9000);
            assertThat(balance(alice)).isEqualTo(9000);
            assertThat(wallet(alice).list("ledger")).singleElement()
                    .satisfies(e -> assertThat(e.get("kind").asText()).isEqualTo("grant"));
        }
    }

    @Test
    void badTargetsAndAmountsChangeNothing() throws Exception {
        try (VidShareClient boss = Admins.loggedIn(server, Admins.FIRST);
             VidShareClient bob = server.loggedIn("grant-bob", "user")) {
            long bobId = userId(bob);
            assertThat(grant(boss, userId(boss), 100).code()).as("admin target").isEqualTo("bad_request");
            assertThat(grant(boss, 987_654_321L, 100).code()).as("unknown user").isEqualTo("not_found");
            assertThat(grant(boss, bobId, 0).code()).isEqualTo("bad_request");
            assertThat(grant(boss, bobId, 9001).code()).isEqualTo("bad_request");
            assertThat(grant(boss, bobId, -1).code()).isEqualTo("bad_request");
            assertThat(boss.call(Map.of("type", "grant_credit", "user_id", "x", "amount_cents", 5)).code()).isEqualTo("bad_request");
            assertThat(boss.call(Map.of("type", "grant_credit", "amount_cents", 5)).code()).isEqualTo("bad_request");
            assertThat(balance(bob)).isZero();
            assertThat(wallet(bob).list("ledger")).isEmpty();
        }
    }

    @Test
    void usersMayNotGrant() throws Exception {
        try (VidShareClient carol = server.loggedIn("grant-carol", "user")) {
            ClientReply reply = grant(carol, userId(carol), 100);
            assertThat(reply.code()).isEqualTo("forbidden");
            assertThat(balance(carol)).isZero();
        }
    }
}
