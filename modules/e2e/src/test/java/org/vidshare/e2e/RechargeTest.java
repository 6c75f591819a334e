package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.WalletSupport.balance;
import static org.vidshare.e2e.Wire.featureTypes;
import static org.vidshare.e2e.WalletSupport.wallet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

@ServerSettings({"wallet.payment-provider=demo", "wallet.max-recharge-cents=50000"})
class RechargeTest extends OneServerPerClass {
    @Test
    void rechargeThroughTheDemoProviderAddsToTheWalletWithALedgerEntry() throws Exception {
        try (VidShareClient alice = server.loggedIn("recharge-alice", "user")) {
            ClientReply first = alice.call(Map.of("type", "recharge", "amount_cents", 1500));
            assertThat(first.ok()).as("%s", first).isTrue();
            assertThat(first.number("balance_cents")).isEqualTo(1500);
            ClientReply second = alice.call(Map.of("type", "recharge", "amount_cents", 50000));
            assertThat(second.number("balance_cents")).isEqualTo(51500);

            assertThat(balance(alice)).isEqualTo(51500);
            ClientReply wallet = wallet(alice);
            assertThat(wallet.list("ledger")).hasSize(2);
            assertThat(wallet.list("ledger").get(0).get("kind").asText()).isEqualTo("recharge");
            assertThat(wallet.list("ledger").get(0).get("amount_cents").asLong()).isEqualTo(50000);
            assertThat(wallet.list("ledger").get(1).get("amount_cents").asLong()).isEqualTo(1500);
        }
    }

    @Test
    void amountsOutsideOneToTheConfiguredMaximumAreBadRequestsAndChangeNothing() throws Exception {
        try (VidShareClient bob = server.loggedIn("recharge-bob", "user")) {
            for (Object amount : new Object[] {0, -5, 50001, "100", 1.5}) {
                ClientReply reply = bob.call(Map.of("type", "recharge", "amount_cents", amount));
                assertThat(reply.code()).as("amount %s", amount).isEqualTo("bad_request");
                assertThat(reply.ok()).isFalse();
            }
            assertThat(bob.call(Map.of("type", "recharge")).code()).isEqualTo("bad_request");
            assertThat(balance(bob)).isZero();
            assertThat(wallet(bob).list("ledger")).isEmpty();
        }
    }

    @Test
    void adminsMayNotRechargeAndDoNotSeeIt() throws Exception {
        try (VidShareClient boss = server.client()) {
            TestServer.register(boss, "boss", "admin");
            ClientReply login = boss.login("boss", TestServer.PASSWORD);
            assertThat(login.ok()).as("%s", login).isTrue();
            assertThat(featureTypes(login)).doesNotContain("recharge", "wallet", "buy_vip");
            assertThat(boss.call(Map.of("type", "recharge", "amount_cents", 100)).code()).isEqualTo("forbidden");
        }
    }

    @Test
    void withoutLoginItIsNotLoggedIn() throws Exception {
        try (VidShareClient anonymous = server.client()) {
            assertThat(anonymous.call(Map.of("type", "recharge", "amount_cents", 100)).code()).isEqualTo("not_logged_in");
        }
    }

    @Test
    void usersSeeRechargeInTheirFeatures() throws Exception {
        try (VidShareClient carol = server.client()) {
            TestServer.register(carol, "recharge-carol", "user");
            ClientReply login = carol.login("recharge-carol", TestServer.PASSWORD);
            assertThat(featureTypes(login)).contains("recharge", "wallet", "buy_vip");
        }
    }

    @Test
    void providerNoneTurnsSelfServiceRechargeOffButLeavesGrantCredit() throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("wallet.payment-provider", "none");
        TestServer noPayments = TestServer.start(settings);
        try (VidShareClient dave = noPayments.client();
             VidShareClient boss = Admins.loggedIn(noPayments, Admins.FIRST)) {
            TestServer.register(dave, "none-dave", "user");
            ClientReply login = dave.login("none-dave", TestServer.PASSWORD);
            assertThat(featureTypes(login)).contains("wallet").doesNotContain("recharge");

            ClientReply refused = dave.call(Map.of("type", "recharge", "amount_cents", 100));
            assertThat(refused.code()).isEqualTo("forbidden");
            assertThat(balance(dave)).isZero();

            ClientReply granted = WalletSupport.grant(boss, login.number("user_id"), 700);
            assertThat(granted.ok()).as("%s", granted).isTrue();
            assertThat(balance(dave)).isEqualTo(700);
        } finally {
            noPayments.closeAndDelete();
        }
    }

    @Test
    void byDefaultThereIsNoRechargeAndDemoWarnsAtEveryStart(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        List<String> base = List.of("serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", data.toString(),
                "--set", "password.pbkdf2-iterations=1000");
        ServerCli.Serving plain = ServerCli.serve(base);
        try (VidShareClient eve = VidShareClient.connect("127.0.0.1", plain.port())) {
            eve.setReadTimeout(30_000);
            assertThat(eve.hello("en").ok()).isTrue();
            TestServer.register(eve, "default-eve", "user");
            ClientReply login = eve.login("default-eve", TestServer.PASSWORD);
            assertThat(featureTypes(login)).as("the default provider is none").doesNotContain("recharge");
            assertThat(eve.call(Map.of("type", "recharge", "amount_cents", 100)).code()).isEqualTo("forbidden");
        } finally {
            plain.close();
        }
        assertThat(plain.output()).doesNotContain("wallet.payment-provider=demo");

        List<String> demo = new ArrayList<>(base);
        demo.addAll(List.of("--set", "wallet.payment-provider=demo"));
        for (int start = 0; start < 2; start++) {
            ServerCli.Serving serving = ServerCli.serve(demo);
            serving.close();
            assertThat(serving.output()).as("start %d", start)
                    .containsPattern("WARN.*wallet.payment-provider=demo: every recharge is approved without payment");
        }
    }
}
