package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every TLS test again with the server and the client library on the JDK's TLS (JSSE):
 * {@code tls.implementation=jdk}, as where BoringSSL's native library cannot run.
 */
@ServerSettings({"tls.port=0", "tls.implementation=jdk"})
class JdkTlsTest extends TlsTest {
    @Override
    String clientTls() {
        return "jdk";
    }

    @Override
    String otherClientTls() {
        return "boringssl";
    }

    /** The JDK's server picks by its own order for TLS 1.3 as well: AES-128-GCM, though the JDK socket offers AES-256 first. */
    @Test
    void theJdkServersOrderPicksAes128GcmForTls13Too(@TempDir Path home) throws IOException {
        SSLContext tls = tofu(home.resolve("known"), (h, f) -> true);
        assertThat(negotiated(tls, "TLSv1.3")).isEqualTo("TLS_AES_128_GCM_SHA256");
    }
}
