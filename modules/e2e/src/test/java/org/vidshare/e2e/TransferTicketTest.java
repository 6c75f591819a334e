package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.Wire.assertCode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.ClientTls;
import org.vidshare.client.VidShareClient;

/** transfer_ticket and login by ticket (docs/protocol.md, transfer_ticket), over the wire. */
@ServerSettings({"login.max-failures-per-address=100000"})
class TransferTicketTest extends OneServerPerClass {
    private static VidShareClient boss;

    @BeforeAll
    static void start() throws Exception {
        boss = server.loggedIn("ticket-boss", "admin");
    }

    @AfterAll
    static void stop() throws Exception {
        boss.close();
    }

    static String ticketOf(VidShareClient client) throws IOException {
        ClientReply reply = client.call(Map.of("type", "transfer_ticket"));
        assertThat(reply.ok()).as(reply.toString()).isTrue();
        return reply.string("ticket");
    }

    static ClientReply loginByTicket(VidShareClient client, String ticket) throws IOException {
        return client.call(Map.of("type", "login", "ticket", ticket));
    }

    @Test
    void aTicketLogsTheSameAccountInOnAnotherConnectionOnce() throws Exception {
        try (VidShareClient alice = server.loggedIn("ticket-alice", "user")) {
            ClientReply issued = alice.call(Map.of("type", "transfer_ticket"));
            assertCode(issued, "ok");
            String ticket = issued.string("ticket");
            assertThat(ticket).matches("[0-9a-f]{32,}");
            assertThat(issued.number("expires_in")).isEqualTo(60);
            long aliceId = alice.call(Map.of("type", "whoami")).number("user_id");
            try (VidShareClient side = server.client()) {
                ClientReply login = loginByTicket(side, ticket);
                assertCode(login, "ok");
                assertThat(login.number("user_id")).isEqualTo(aliceId);
                assertThat(login.string("session")).isNotEqualTo(alice.session());
                assertThat(side.call(Map.of("type", "whoami")).string("name")).isEqualTo("ticket-alice");
            }
            try (VidShareClient again = server.client()) {
                assertCode(loginByTicket(again, ticket), "bad_credentials");
                assertCode(again.call(Map.of("type", "whoami")), "not_logged_in");
            }
            // The issuing session is untouched by its tickets' use.
            assertCode(alice.call(Map.of("type", "whoami")), "ok");
        }
    }

    @Test
    void ofParallelUsesOfOneTicketExactlyOneWins() throws Exception {
        try (VidShareClient bob = server.loggedIn("ticket-bob", "user")) {
            String ticket = ticketOf(bob);
            List<ClientReply> replies = Wire.race(server, 8, (client, i) -> loginByTicket(client, ticket));
            assertThat(replies).filteredOn(ClientReply::ok).hasSize(1);
            assertThat(replies).filteredOn(r -> !r.ok()).extracting(ClientReply::code)
                    .hasSize(7).containsOnly("bad_credentials");
        }
    }

    @Test
    void unknownAndMalformedTicketsAreBadCredentials() throws Exception {
        try (VidShareClient client = server.client()) {
            assertCode(loginByTicket(client, "0".repeat(64)), "bad_credentials");
            assertCode(loginByTicket(client, "not a ticket"), "bad_credentials");
            assertCode(loginByTicket(client, ""), "bad_credentials");
            assertCode(client.call(Map.of("type", "whoami")), "not_logged_in");
        }
        try (VidShareClient anonymous = server.client()) {
            assertCode(anonymous.call(Map.of("type", "transfer_ticket")), "not_logged_in");
        }
    }

    @Test
    void aLockedAccountsTicketIsRefusedEvenAfterTheUnlock() throws Exception {
        try (VidShareClient carol = server.loggedIn("ticket-carol", "user")) {
            long carolId = carol.call(Map.of("type", "whoami")).number("user_id");
            String ticket = ticketOf(carol);
            assertCode(boss.call(Map.of("type", "lock_user", "user_id", carolId)), "ok");
            try (VidShareClient side = server.client()) {
                assertCode(loginByTicket(side, ticket), "bad_credentials");
            }
            assertCode(boss.call(Map.of("type", "unlock_user", "user_id", carolId)), "ok");
            try (VidShareClient side = server.client()) {
                assertCode(loginByTicket(side, ticket), "bad_credentials");
            }
        }
    }

    @Test
    void ticketsDieWithTheSessionThatMadeThem() throws Exception {
        String afterLogout;
        try (VidShareClient dave = server.loggedIn("ticket-dave", "user")) {
            afterLogout = ticketOf(dave);
            assertCode(dave.call(Map.of("type", "logout")), "ok");
        }
        try (VidShareClient side = server.client()) {
            assertCode(loginByTicket(side, afterLogout), "bad_credentials");
        }

        int sessionsBefore = server.liveSessionCount();
        VidShareClient erin = server.loggedIn("ticket-erin", "user");
        String afterDisconnect = ticketOf(erin);
        erin.close();
        assertThat(Wire.eventually(Duration.ofSeconds(30), () -> server.liveSessionCount() <= sessionsBefore)).isTrue();
        try (VidShareClient side = server.client()) {
            assertCode(loginByTicket(side, afterDisconnect), "bad_credentials");
        }

        try (VidShareClient frank = server.loggedIn("ticket-frank", "user")) {
            String afterRelogin = ticketOf(frank);
            assertCode(frank.login("ticket-frank", TestServer.PASSWORD), "ok");
            try (VidShareClient side = server.client()) {
                assertCode(loginByTicket(side, afterRelogin), "bad_credentials");
            }
        }
    }

    @Test
    void moreThanTwentyLiveTicketsPerSessionAreTooManyAndAUsedOneFreesItsPlace() throws Exception {
        try (VidShareClient grace = server.loggedIn("ticket-grace", "user")) {
            String first = null;
            for (int i = 0; i < 20; i++) {
                String ticket = ticketOf(grace);
                first = first == null ? ticket : first;
            }
            assertCode(grace.call(Map.of("type", "transfer_ticket")), "too_many_requests");
            try (VidShareClient side = server.client()) {
                assertCode(loginByTicket(side, first), "ok");
            }
            assertCode(grace.call(Map.of("type", "transfer_ticket")), "ok");
        }
    }

    @Test
    void aTicketLoginCarriesNoNameOrPassword() throws Exception {
        try (VidShareClient henry = server.loggedIn("ticket-henry", "user"); VidShareClient side = server.client()) {
            String ticket = ticketOf(henry);
            assertCode(side.call(Map.of("type", "login", "ticket", ticket, "name", "ticket-henry")), "bad_request");
            assertCode(loginByTicket(side, ticket), "ok");
        }
    }

    @Test
    void anExpiredTicketIsRefused() throws Exception {
        TestServer quick = TestServer.start(Map.of("ticket.ttl-seconds", "1"));
        try (VidShareClient ivy = quick.loggedIn("ticket-ivy", "user")) {
            ClientReply issued = ivy.call(Map.of("type", "transfer_ticket"));
            assertThat(issued.number("expires_in")).isEqualTo(1);
            Thread.sleep(2_500);
            try (VidShareClient side = quick.client()) {
                assertCode(loginByTicket(side, issued.string("ticket")), "bad_credentials");
            }
        } finally {
            quick.closeAndDelete();
        }
    }

    @Test
    void withTlsRequiredForLoginThePlainPortRefusesEveryLogin(@TempDir Path home) throws Exception {
        TestServer strict = TestServer.start(Map.of("tls.port", "0", "tls.require-for-login", "true"));
        try {
            try (VidShareClient plain = strict.client()) {
                assertCode(TestServer.register(plain, "strict-user", "user"), "ok");
                ClientReply login = plain.login("strict-user", TestServer.PASSWORD);
                assertCode(login, "forbidden");
                assertThat(login.msg()).contains("TLS");
                assertCode(loginByTicket(plain, "0".repeat(64)), "forbidden");
            }
            int tlsPort;
            try (VidShareClient plain = strict.client()) {
                tlsPort = (int) plain.hello("en").number("tls_port");
            }
            SSLContext tls = ClientTls.trustOnFirstUse("127.0.0.1", tlsPort, home.resolve("known"), (h, f) -> true);
            try (VidShareClient secure = VidShareClient.connectTls("127.0.0.1", tlsPort, tls, 10_000)) {
                assertThat(secure.hello("en").ok()).isTrue();
                assertCode(secure.login("strict-user", TestServer.PASSWORD), "ok");
            }
        } finally {
            strict.closeAndDelete();
        }
    }
}
