package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.Wire.assertCode;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.vidshare.core.client.VidShareClient;

/** {@code server.idle-timeout-seconds}: a silent connection is closed, one that pings stays. */
@ServerSettings({"server.idle-timeout-seconds=1"})
class IdleTimeoutTest extends OneServerPerClass {
    @Test
    void aSilentConnectionIsClosedAndItsSessionEnds() throws Exception {
        // Earlier tests' connections may still be closing on the server side: start from none.
        assertThat(Wire.eventually(Duration.ofSeconds(5), () -> server.liveSessionCount() == 0)).isTrue();
        try (VidShareClient silent = server.loggedIn("sleepy", "user")) {
            assertThat(server.liveSessionCount()).isEqualTo(1);
            assertThat(silent.isClosedByPeer(5_000)).as("closed after 1 s of silence").isTrue();
            assertThat(Wire.eventually(Duration.ofSeconds(3), () -> server.liveSessionCount() == 0)).isTrue();
        }
    }

    @Test
    void aConnectionThatNeverSaysHelloIsClosedToo() throws Exception {
        try (VidShareClient mute = server.raw()) {
            assertThat(mute.isClosedByPeer(5_000)).isTrue();
        }
    }

    @Test
    void aPingingConnectionStays() throws Exception {
        try (VidShareClient busy = server.loggedIn("awake", "user")) {
            long until = System.nanoTime() + Duration.ofMillis(3_000).toNanos();
            while (System.nanoTime() < until) {
                assertCode(Wire.ping(busy), "ok");
                Thread.sleep(300);
            }
            assertCode(Wire.whoami(busy), "ok");
        }
    }
}
