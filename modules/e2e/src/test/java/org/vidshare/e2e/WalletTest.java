package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.WalletSupport.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

@ServerSettings({"wallet.payment-provider=demo", "wallet.initial-balance-cents=4000"})
class WalletTest extends OneServerPerClass {
    @Test
    void aNewAccountsInitialBalanceIsAnInitialLedgerEntry() throws Exception {
        try (VidShareClient alice = server.loggedIn("wallet-alice", "user")) {
            ClientReply wallet = wallet(alice);
            assertThat(wallet.number("balance_cents")).isEqualTo(4000);
            List<JsonNode> ledger = wallet.list("ledger");
            assertThat(ledger).hasSize(1);
            assertThat(ledger.get(0).get("kind").asText()).isEqualTo("initial");
            assertThat(ledger.get(0).get("amount_cents").asLong()).isEqualTo(4000);
            assertThat(ledger.get(0).has("movie_id")).isFalse();
            OffsetDateTime.parse(ledger.get(0).get("time").asText());
        }
    }

    @Test
    void everyChangeIsListedNewestFirstWithSignedAmountsSummingToTheBalance() throws Exception {
        try (VidShareClient bob = server.loggedIn("wallet-bob", "user");
             VidShareClient boss = Admins.loggedIn(server, Admins.FIRST)) {
            assertThat(bob.call(Map.of("type", "recharge", "amount_cents", 250)).ok()).isTrue();
            assertThat(WalletSupport.grant(boss, WalletSupport.userId(bob), 1000).ok()).isTrue();
            assertThat(bob.call(Map.of("type", "buy_vip")).ok()).isTrue();

            ClientReply wallet = wallet(bob);
            List<JsonNode> ledger = wallet.list("ledger");
            assertThat(ledger).extracting(e -> e.get("kind").asText()).containsExactly("vip", "grant", "recharge", "initial");
            assertThat(ledger).extracting(e -> e.get("amount_cents").asLong()).containsExactly(-3000L, 1000L, 250L, 4000L);
            assertThat(wallet.number("balance_cents")).isEqualTo(2250);
            for (int i = 1; i < ledger.size(); i++) {
                assertThat(OffsetDateTime.parse(ledger.get(i - 1).get("time").asText()))
                        .isAfterOrEqualTo(OffsetDateTime.parse(ledger.get(i).get("time").asText()));
            }
        }
    }

    @Test
    void theBalanceSurvivesARestart() throws Exception {
        try (VidShareClient carol = server.loggedIn("wallet-carol", "user")) {
            assertThat(carol.call(Map.of("type", "recharge", "amount_cents", 123)).ok()).isTrue();
        }
        server.restart();
        try (VidShareClient carol = server.loggedIn("wallet-carol", "user")) {
            assertThat(wallet(carol).number("balance_cents")).isEqualTo(4123);
        }
    }

    @Test
    void adminsHaveNoWallet() throws Exception {
        try (VidShareClient boss = Admins.loggedIn(server, Admins.FIRST)) {
            assertThat(boss.call(Map.of("type", "wallet")).code()).isEqualTo("forbidden");
        }
    }
}
