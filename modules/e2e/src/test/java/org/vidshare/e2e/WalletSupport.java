package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

/** Wallet reads shared by the money tests: what the server says a user owns, over the wire. */
final class WalletSupport {
    private WalletSupport() {
    }

    static long userId(VidShareClient client) throws IOException {
        ClientReply whoami = client.call(Map.of("type", "whoami"));
        assertThat(whoami.ok()).as(whoami.toString()).isTrue();
        return whoami.number("user_id");
    }

    static long balance(VidShareClient client) throws IOException {
        return client.call(Map.of("type", "whoami")).number("balance_cents");
    }

    static boolean isVip(VidShareClient client) throws IOException {
        return client.call(Map.of("type", "whoami")).number("is_vip") == 1;
    }

    /** The wallet reply, checked for the invariant: the balance is the sum of the ledger. */
    static ClientReply wallet(VidShareClient client) throws IOException {
        ClientReply wallet = client.call(Map.of("type", "wallet"));
        assertThat(wallet.ok()).as("wallet: %s", wallet).isTrue();
        long sum = wallet.list("ledger").stream().mapToLong(e -> e.get("amount_cents").asLong()).sum();
        assertThat(wallet.number("balance_cents")).as("balance equals the ledger's sum").isEqualTo(sum);
        return wallet;
    }

    static List<String> ledgerKinds(VidShareClient client) throws IOException {
        return wallet(client).list("ledger").stream().map(e -> e.get("kind").asText()).toList();
    }

    static ClientReply grant(VidShareClient admin, long userId, long cents) throws IOException {
        return admin.call(Map.of("type", "grant_credit", "user_id", userId, "amount_cents", cents));
    }
}
