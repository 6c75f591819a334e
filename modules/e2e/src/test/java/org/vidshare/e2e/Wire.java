package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.hash.Passwords;

/** Request builders and small waits shared by the end-to-end tests. */
final class Wire {
    private Wire() {
    }

    static String md5(String plain) {
        return Passwords.md5Hex(plain);
    }

    static ClientReply register(VidShareClient client, String name, String plain, String userType) throws IOException {
        return client.call(Map.of("type", "register", "name", name, "password", md5(plain), "user_type", userType));
    }

    static ClientReply login(VidShareClient client, String name, String plain) throws IOException {
        return client.call(Map.of("type", "login", "name", name, "password", md5(plain)));
    }

    static ClientReply login(VidShareClient client, String name, String plain, String userType) throws IOException {
        return client.call(Map.of("type", "login", "name", name, "password", md5(plain), "user_type", userType));
    }

    static ClientReply whoami(VidShareClient client) throws IOException {
        return client.call(Map.of("type", "whoami"));
    }

    static ClientReply ping(VidShareClient client) throws IOException {
        return client.call(Map.of("type", "ping"));
    }

    /** The command types of a hello or login reply's features, checking the reply is ok. */
    static List<String> featureTypes(ClientReply helloOrLogin) {
        assertThat(helloOrLogin.ok()).as(helloOrLogin.toString()).isTrue();
        return featureTypes(helloOrLogin.list("features"));
    }

    /** The command types of a features list, in its order. */
    static List<String> featureTypes(List<JsonNode> features) {
        return features.stream().map(f -> f.get("type").asText()).toList();
    }

    /** A request map that may hold nulls and keys in order. */
    static Map<String, Object> request(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static void assertCode(ClientReply reply, String code) {
        assertThat(reply.code()).as("reply %s", reply).isEqualTo(code);
        assertThat(reply.ok()).as("flag of %s", reply).isEqualTo("ok".equals(code));
        assertThat(reply.msg()).as("msg of %s", reply).isNotBlank();
    }

    /** One racer's request on its own, already connected client. */
    interface Attempt {
        ClientReply run(VidShareClient client, int index) throws Exception;
    }

    /**
     * Connects {@code count} clients (hello said), then releases all attempts at once and returns the
     * replies in attempt order.
     */
    static List<ClientReply> race(TestServer server, int count, Attempt attempt) throws Exception {
        return race(server, count, (client, i) -> null, attempt);
    }

    /** As {@link #race(TestServer, int, Attempt)}, with a setup per client run one by one before the start. */
    static List<ClientReply> race(TestServer server, int count, Attempt setup, Attempt attempt) throws Exception {
        List<VidShareClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                clients.add(server.client());
                setup.run(clients.get(i), i);
            }
            return race(clients, attempt);
        } finally {
            for (VidShareClient client : clients) {
                client.close();
            }
        }
    }

    /** Releases one attempt per client at once and returns the replies in client order (the clients stay open). */
    static List<ClientReply> race(List<VidShareClient> clients, Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ClientReply>> futures = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                int index = i;
                VidShareClient client = clients.get(i);
                futures.add(pool.submit(() -> {
                    go.await();
                    return attempt.run(client, index);
                }));
            }
            go.countDown();
            List<ClientReply> replies = new ArrayList<>();
            for (Future<ClientReply> future : futures) {
                replies.add(future.get(60, TimeUnit.SECONDS));
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Polls until the condition holds or the time is up; true if it held. */
    static boolean eventually(Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}
