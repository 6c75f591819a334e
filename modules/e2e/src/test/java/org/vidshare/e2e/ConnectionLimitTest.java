package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vidshare.core.client.ClientReply;
import org.vidshare.core.client.VidShareClient;

/** {@code server.max-connections-per-address}: one connection over the limit gets one reply and is closed. */
class ConnectionLimitTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("server.max-connections-per-address", "3"));
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    @Test
    void theConnectionOverTheLimitIsToldAndClosedAndTheOthersKeepWorking() throws Exception {
        List<VidShareClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(server.client());
            }
            try (VidShareClient extra = server.raw()) {
                ClientReply refused = extra.readReply();
                assertThat(refused.ok()).isFalse();
                assertThat(refused.code()).isEqualTo("too_many_requests");
                assertThat(extra.isClosedByPeer(5_000)).isTrue();
            }
            for (VidShareClient client : open) {
                assertThat(client.call(Map.of("type", "ping")).ok()).isTrue();
            }
            open.remove(0).close();
            // A freed slot is usable again (the server counts closes asynchronously: retry briefly).
            ClientReply hello = null;
            for (int attempt = 0; attempt < 50 && (hello == null || !hello.ok()); attempt++) {
                try (VidShareClient again = server.raw()) {
                    hello = again.hello("en");
                } catch (java.io.IOException e) {
                    hello = null;
                }
                if (hello == null || !hello.ok()) {
                    Thread.sleep(100);
                }
            }
            assertThat(hello).isNotNull();
            assertThat(hello.ok()).isTrue();
        } finally {
            for (VidShareClient client : open) {
                client.close();
            }
        }
    }
}
