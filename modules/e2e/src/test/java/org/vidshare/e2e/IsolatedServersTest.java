package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vidshare.client.VidShareClient;

/**
 * Two servers in one JVM (as tests and tools run them) each keep their own database. EclipseLink
 * shares deployed sessions JVM-wide by name, which once made the second server use the first one's.
 */
class IsolatedServersTest {
    @Test
    void twoServersInOneJvmDoNotShareTheirDatabase() throws Exception {
        TestServer first = TestServer.start();
        TestServer second = TestServer.start();
        try (VidShareClient a = first.client(); VidShareClient b = second.client()) {
            assertThat(TestServer.register(a, "only-in-first", "user").ok()).isTrue();
            assertThat(b.login("only-in-first", TestServer.PASSWORD).code()).isEqualTo("bad_credentials");
            // Each server has no admin yet, so each lets its first admin register from loopback.
            assertThat(TestServer.register(b, "second-admin", "admin").ok()).isTrue();
            assertThat(TestServer.register(a, "first-admin", "admin").ok()).isTrue();
        } finally {
            first.closeAndDelete();
            second.closeAndDelete();
        }
    }
}
