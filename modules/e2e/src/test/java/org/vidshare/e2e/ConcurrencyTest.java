package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.vidshare.e2e.Wire.assertCode;

import java.time.Duration;
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

/** Many connections at once: all served, and sessions never cross between them. */
class ConcurrencyTest extends OneServerPerClass {
    private static final int CONNECTIONS = 200;

    @Test
    void twoHundredConcurrentConnectionsAreAllServed() {
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            List<VidShareClient> clients = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    clients.add(server.raw());
                }
                assertThat(Wire.eventually(Duration.ofSeconds(10), () -> server.openConnectionCount() >= CONNECTIONS))
                        .as("all %d connections open at once", CONNECTIONS).isTrue();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<List<ClientReply>>> results = new ArrayList<>();
                for (VidShareClient client : clients) {
                    results.add(pool.submit(() -> {
                        go.await();
                        List<ClientReply> replies = new ArrayList<>();
                        replies.add(client.hello("en"));
                        for (int p = 0; p < 3; p++) {
                            replies.add(client.call(Map.of("type", "ping")));
                        }
                        return replies;
                    }));
                }
                go.countDown();
                for (Future<List<ClientReply>> result : results) {
                    List<ClientReply> replies = result.get(60, TimeUnit.SECONDS);
                    assertThat(replies).hasSize(4).allSatisfy(r -> assertCode(r, "ok"));
                    assertThat(replies.get(0).list("features")).isNotEmpty();
                }
            } finally {
                pool.shutdownNow();
                for (VidShareClient client : clients) {
                    client.close();
                }
            }
        });
    }

    @Test
    void concurrentLoginsNeverSeeEachOthersAccount() {
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            int users = 40;
            try (VidShareClient setup = server.client()) {
                for (int i = 0; i < users; i++) {
                    assertCode(Wire.register(setup, "crowd-" + i, "pw-" + i, "user"), "ok");
                }
            }
            List<ClientReply> replies = Wire.race(server, users, (client, i) -> {
                ClientReply login = Wire.login(client, "crowd-" + i, "pw-" + i);
                assertCode(login, "ok");
                ClientReply me = null;
                for (int round = 0; round < 5; round++) {
                    me = Wire.whoami(client);
                    assertThat(me.string("name")).isEqualTo("crowd-" + i);
                    assertThat(me.number("user_id")).isEqualTo(login.number("user_id"));
                }
                return me;
            });
            assertThat(replies.stream().map(r -> r.number("user_id")).distinct()).hasSize(users);
        });
    }
}
