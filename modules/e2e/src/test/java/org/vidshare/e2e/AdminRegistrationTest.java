package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.Wire.assertCode;
import static org.vidshare.e2e.Wire.login;
import static org.vidshare.e2e.Wire.register;
import static org.vidshare.e2e.Wire.whoami;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

/**
 * {@code register} of admin accounts: the first one only from loopback and only one, even when many
 * try at once; later ones only with an admin's session. (The refusal of non-loopback peers is
 * proven by the register plugin's own FirstAdminAddressTest: these tests reach only loopback.)
 */
class AdminRegistrationTest extends OneServerPerTest {
    @Test
    void tenParallelFirstAdminRegistrationsMakeExactlyOneAdmin() throws Exception {
        List<ClientReply> replies = Wire.race(server, 10, (client, i) -> register(client, "boss" + i, "pw", "admin"));
        assertThat(replies).filteredOn(ClientReply::ok).hasSize(1);
        assertThat(replies).filteredOn(r -> !r.ok()).hasSize(9).allSatisfy(r -> assertCode(r, "forbidden"));

        int winner = replies.indexOf(replies.stream().filter(ClientReply::ok).findFirst().orElseThrow());
        try (VidShareClient client = server.client()) {
            assertCode(login(client, "boss" + winner, "pw", "admin"), "ok");
            assertThat(whoami(client).string("user_type")).isEqualTo("admin");
            for (int i = 0; i < 10; i++) {
                if (i != winner) {
                    assertCode(login(client, "boss" + i, "pw"), "bad_credentials");
                }
            }
        }
    }

    @Test
    void onceThereIsAnAdminOnlyAnAdminSessionMakesAnother() throws Exception {
        try (VidShareClient anonymous = server.client()) {
            assertCode(register(anonymous, "first", "pw", "admin"), "ok");
            assertCode(register(anonymous, "second", "pw", "admin"), "forbidden");
        }
        try (VidShareClient user = server.loggedIn("plain-user", "user")) {
            // A user session (Audience gate of the admin branch) and a claimed user_type grant nothing.
            assertCode(register(user, "by-user", "pw", "admin"), "forbidden");
            assertCode(user.call(java.util.Map.of("type", "register", "name", "by-user", "password", Wire.md5("pw"),
                    "user_type", "admin", "is_admin", 1, "role", "admin")), "forbidden");
        }
        try (VidShareClient admin = server.client()) {
            assertCode(login(admin, "first", "pw", "admin"), "ok");
            assertCode(register(admin, "second", "pw", "admin"), "ok");
            assertCode(register(admin, "a-user-by-admin", "pw", "user"), "ok");
            assertCode(register(admin, "second", "pw", "admin"), "conflict");
            // After logout the same connection is public again.
            assertCode(admin.call(java.util.Map.of("type", "logout")), "ok");
            assertCode(register(admin, "third", "pw", "admin"), "forbidden");
        }
        try (VidShareClient client = server.client()) {
            assertCode(login(client, "second", "pw", "admin"), "ok");
            assertThat(whoami(client).string("user_type")).isEqualTo("admin");
            assertCode(login(client, "a-user-by-admin", "pw", "user"), "ok");
            assertCode(login(client, "third", "pw"), "bad_credentials");
        }
    }

    @Test
    void aUserSessionOnAServerWithoutAdminStillMayMakeTheFirstFromLoopback() throws Exception {
        // Rule (a) asks only "no admin yet" and "loopback"; a session does not take that right away.
        try (VidShareClient user = server.loggedIn("early-user", "user")) {
            assertCode(register(user, "first-admin", "pw", "admin"), "ok");
            assertCode(register(user, "second-admin", "pw", "admin"), "forbidden");
        }
    }

    @Test
    void twoServerNodesOnOneDatabaseStillMakeOnlyOneFirstAdmin() throws Exception {
        // Two nodes sharing one database (as with PostgreSQL behind several servers): an in-process
        // lock cannot serialize them; the database must.
        TestServer other = TestServer.start(Map.of("db.url", server.jdbcUrl()));
        try {
            int racers = 10;
            List<VidShareClient> clients = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(racers);
            try {
                for (int i = 0; i < racers; i++) {
                    clients.add(i % 2 == 0 ? server.client() : other.client());
                }
                CountDownLatch go = new CountDownLatch(1);
                List<Future<ClientReply>> futures = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    VidShareClient client = clients.get(i);
                    String name = "node-boss" + i;
                    futures.add(pool.submit(() -> {
                        go.await();
                        return register(client, name, "pw", "admin");
                    }));
                }
                go.countDown();
                List<ClientReply> replies = new ArrayList<>();
                for (Future<ClientReply> future : futures) {
                    replies.add(future.get(60, TimeUnit.SECONDS));
                }
                assertThat(replies).filteredOn(ClientReply::ok).hasSize(1);
                assertThat(replies).filteredOn(r -> !r.ok()).allSatisfy(r -> assertCode(r, "forbidden"));
            } finally {
                pool.shutdownNow();
                for (VidShareClient client : clients) {
                    client.close();
                }
            }
            // Both nodes see the one admin: neither lets another first admin in.
            try (VidShareClient a = server.client(); VidShareClient b = other.client()) {
                assertCode(register(a, "late-a", "pw", "admin"), "forbidden");
                assertCode(register(b, "late-b", "pw", "admin"), "forbidden");
            }
        } finally {
            other.closeAndDelete();
        }
    }

    @Test
    void concurrentAdminRegistrationsByAnAdminAllSucceed() throws Exception {
        try (VidShareClient anonymous = server.client()) {
            assertCode(register(anonymous, "root", "pw", "admin"), "ok");
        }
        // The logins first, one by one: 8 password checks of one name at once would pass the name's
        // remaining failures (5), and the login guard refuses those beyond (too_many_requests).
        List<ClientReply> replies = Wire.race(server, 8, (client, i) -> {
            assertCode(login(client, "root", "pw"), "ok");
            return null;
        }, (client, i) -> register(client, "deputy" + i, "pw", "admin"));
        assertThat(replies).allSatisfy(r -> assertCode(r, "ok"));
    }
}
