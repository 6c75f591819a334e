package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.Wire.assertCode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

/**
 * {@code server.max-connections-per-address}: a connection over the limit gets one
 * {@code too_many_requests} and is closed, serving nothing it sent; closed connections free their
 * place.
 */
@ServerSettings({"server.max-connections-per-address=" + ConnectionLimitTest.LIMIT})
class ConnectionLimitTest extends OneServerPerClass {
    static final int LIMIT = 3;

    @Test
    void theConnectionOverTheLimitIsToldAndClosedAndPlacesComeBack() throws Exception {
        List<VidShareClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < LIMIT; i++) {
                open.add(server.client());
            }
            try (VidShareClient extra = server.raw()) {
                // It even sends a request at once: that must not be served.
                extra.sendRaw(frameOf("{\"type\":\"register\",\"name\":\"sneaked-in\",\"password\":\""
                        + Wire.md5("pw") + "\",\"user_type\":\"user\"}"));
                assertCode(extra.readReply(), "too_many_requests");
                assertThat(extra.isClosedByPeer(5_000)).isTrue();
            }
            // The places in use still work.
            for (VidShareClient client : open) {
                assertCode(Wire.ping(client), "ok");
            }
            assertCode(Wire.register(open.get(0), "sneaked-in", "pw", "user"), "ok");

            // Closing one frees a place.
            open.remove(0).close();
            open.add(connectOnceAPlaceIsFree());
        } finally {
            for (VidShareClient client : open) {
                client.close();
            }
        }
        // Refused and closed connections do not leak their count: a full set fits again, many times.
        for (int round = 0; round < 3; round++) {
            List<VidShareClient> again = new ArrayList<>();
            try {
                for (int i = 0; i < LIMIT; i++) {
                    again.add(connectOnceAPlaceIsFree());
                }
            } finally {
                for (VidShareClient client : again) {
                    client.close();
                }
            }
        }
    }

    /**
     * Connections that open and close at once from several threads (opens racing closes of the same
     * address on the server's workers) leave the count exact: afterwards, exactly the limit fits.
     * The count once lived in a counter object that a close could remove while an open had just
     * picked it up, and that open connection then went uncounted. The race is narrow, so this test
     * hunts it rather than forcing it.
     */
    @Test
    void churningConnectionsLeaveTheCountExact() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < 150; i++) {
                        try (VidShareClient client = server.raw()) {
                            client.sendRaw(frameOf("{\"type\":\"ping\"}"));
                            client.readReply();
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "churn-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        assertThat(failures).isEmpty();
        assertThat(Wire.eventually(Duration.ofSeconds(5), () -> server.openConnectionCount() == 0)).isTrue();
        List<VidShareClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < LIMIT; i++) {
                open.add(connectOnceAPlaceIsFree());
            }
            try (VidShareClient extra = server.raw()) {
                assertCode(extra.hello("en"), "too_many_requests");
            }
        } finally {
            for (VidShareClient client : open) {
                client.close();
            }
        }
    }

    /**
     * A connection that said hello, retried while the server has not yet processed earlier closes
     * (the server learns of a client's close asynchronously).
     */
    private static VidShareClient connectOnceAPlaceIsFree() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            VidShareClient client = server.raw();
            ClientReply hello = client.hello("en");
            if (hello.ok()) {
                return client;
            }
            client.close();
            assertCode(hello, "too_many_requests");
            assertThat(System.nanoTime()).as("a place frees up within 5 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static byte[] frameOf(String json) {
        return org.vidshare.core.protocol.Frames.frame(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
