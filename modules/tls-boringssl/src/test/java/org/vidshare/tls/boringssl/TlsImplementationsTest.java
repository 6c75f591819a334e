package org.vidshare.tls.boringssl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.vidshare.core.tls.TlsImplementations;

/** Which implementation a name picks, with this module on the module path and its native library loaded. */
class TlsImplementationsTest {
    @Test
    void autoAndItsNamePickBoringSslJdkPicksTheJdks() throws NoSuchAlgorithmException {
        assertThat(new BoringSslTls().unavailable()).as("the native library loads on this machine").isEmpty();
        assertThat(TlsImplementations.newContext("auto").getProvider().getName()).isEqualTo(BoringSslProvider.NAME);
        assertThat(TlsImplementations.newContext(null).getProvider().getName()).isEqualTo(BoringSslProvider.NAME);
        assertThat(TlsImplementations.newContext(" BoringSSL ").getProvider().getName()).isEqualTo(BoringSslProvider.NAME);
        assertThat(TlsImplementations.newContext("jdk").getProvider().getName()).isEqualTo("SunJSSE");
    }

    @Test
    void anUnknownNameIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> TlsImplementations.newContext("openssl3"))
                .isInstanceOf(NoSuchAlgorithmException.class)
                .hasMessageContaining("openssl3").hasMessageContaining("auto, jdk");
    }

    @Test
    void itsEnginesAreNativeAndWantDirectBuffersTheJdksDoNot() throws Exception {
        SSLContext boring = TlsImplementations.newContext("boringssl");
        boring.init(null, null, null);
        SSLEngine engine = boring.createSSLEngine("localhost", 1);
        assertThat(TlsImplementations.nameOf(boring)).isEqualTo(BoringSslTls.NAME);
        assertThat(TlsImplementations.prefersDirectBuffers(engine)).isTrue();
        assertThat(boring.getDefaultSSLParameters().getCipherSuites()).contains("TLS_AES_128_GCM_SHA256");
        SSLContext jdk = TlsImplementations.newContext("jdk");
        jdk.init(null, null, null);
        assertThat(TlsImplementations.nameOf(jdk)).isEqualTo(TlsImplementations.JDK);
        assertThat(TlsImplementations.prefersDirectBuffers(jdk.createSSLEngine())).isFalse();
    }

    /** VidShare makes engines only; a caller asking such a context for sockets gets the JDK's, with the same trust. */
    @Test
    void socketsOfItsContextsAreTheJdks() throws Exception {
        SSLContext boring = TlsImplementations.newContext("boringssl");
        assertThatThrownBy(boring::createSSLEngine).isInstanceOf(IllegalStateException.class);
        boring.init(null, null, null);
        assertThat(boring.getSocketFactory().getClass().getModule()).isEqualTo(SSLContext.class.getModule());
    }
}
