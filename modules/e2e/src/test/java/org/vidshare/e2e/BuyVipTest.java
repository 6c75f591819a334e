package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.WalletSupport.balance;
import static org.vidshare.e2e.WalletSupport.grant;
import static org.vidshare.e2e.WalletSupport.isVip;
import static org.vidshare.e2e.WalletSupport.ledgerKinds;
import static org.vidshare.e2e.WalletSupport.userId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

@ServerSettings({"wallet.payment-provider=demo", "price.vip-cents=3000"})
class BuyVipTest extends OneServerPerClass {
    @Test
    void buyingVipChargesThePriceAndSetsTheFlag() throws Exception {
        try (VidShareClient alice = server.loggedIn("vip-alice", "user")) {
            assertThat(alice.call(Map.of("type", "recharge", "amount_cents", 3500)).ok()).isTrue();
            ClientReply reply = alice.call(Map.of("type", "buy_vip"));
            assertThat(reply.ok()).as("%s", reply).isTrue();
            assertThat(reply.number("is_vip")).isEqualTo(1);
            assertThat(reply.number("balance_cents")).isEqualTo(500);
            assertThat(isVip(alice)).isTrue();
            assertThat(ledgerKinds(alice)).containsExactly("vip", "recharge");
        }
        try (VidShareClient again = server.loggedIn("vip-alice", "user")) {
            assertThat(again.login("vip-alice", TestServer.PASSWORD).number("is_vip")).isEqualTo(1);
        }
    }

    @Test
    void anInsufficientBalanceChargesNothingAndLeavesTheAccountRegular() throws Exception {
        try (VidShareClient bob = server.loggedIn("vip-bob", "user")) {
            assertThat(bob.call(Map.of("type", "recharge", "amount_cents", 2999)).ok()).isTrue();
            ClientReply reply = bob.call(Map.of("type", "buy_vip"));
            assertThat(reply.ok()).isFalse();
            assertThat(reply.code()).isEqualTo("insufficient_balance");
            assertThat(balance(bob)).isEqualTo(2999);
            assertThat(isVip(bob)).isFalse();
            assertThat(ledgerKinds(bob)).containsExactly("recharge");
        }
    }

    @Test
    void aVipCannotBuyAgain() throws Exception {
        try (VidShareClient carol = server.loggedIn("vip-carol", "user")) {
            assertThat(carol.call(Map.of("type", "recharge", "amount_cents", 9000)).ok()).isTrue();
            assertThat(carol.call(Map.of("type", "buy_vip")).ok()).isTrue();
            ClientReply second = carol.call(Map.of("type", "buy_vip"));
            assertThat(second.code()).isEqualTo("conflict");
            assertThat(balance(carol)).isEqualTo(6000);
        }
    }

    @Test
    void concurrentPurchasesByOneUserChargeOnce() throws Exception {
        int attempts = 8;
        try (VidShareClient boss = Admins.loggedIn(server, Admins.FIRST);
             VidShareClient dave = server.loggedIn("vip-dave", "user")) {
            assertThat(grant(boss, userId(dave), 9000).ok()).isTrue();
            List<VidShareClient> connections = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                connections.add(server.loggedIn("vip-dave", "user"));
            }
            ExecutorService pool = Executors.newFixedThreadPool(attempts);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ClientReply>> replies = new ArrayList<>();
            for (VidShareClient connection : connections) {
                replies.add(pool.submit(() -> {
                    go.await();
                    return connection.call(Map.of("type", "buy_vip"));
                }));
            }
            go.countDown();
            List<String> codes = new ArrayList<>();
            for (Future<ClientReply> reply : replies) {
                codes.add(reply.get().code());
            }
            pool.shutdown();
            for (VidShareClient connection : connections) {
                connection.close();
            }
            assertThat(codes).filteredOn("ok"::equals).hasSize(1);
            assertThat(codes).filteredOn("conflict"::equals).hasSize(attempts - 1);
            assertThat(balance(dave)).isEqualTo(6000);
            assertThat(ledgerKinds(dave)).containsExactly("vip", "grant");
        }
    }

    @Test
    void adminsMayNotBuyVip() throws Exception {
        try (VidShareClient boss = Admins.loggedIn(server, Admins.FIRST)) {
            assertThat(boss.call(Map.of("type", "buy_vip")).code()).isEqualTo("forbidden");
        }
    }
}
