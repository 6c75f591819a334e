package org.vidshare.tls.boringssl;

import io.netty.handler.ssl.OpenSsl;
import java.security.Provider;
import java.util.Optional;
import org.vidshare.core.tls.TlsImplementation;

/** BoringSSL's TLS, as netty-tcnative links it (statically, into the native library of this module's platform). */
public final class BoringSslTls implements TlsImplementation {
    public static final String NAME = "boringssl";
    private static volatile Provider provider;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> unavailable() {
        if (OpenSsl.isAvailable()) {
            return Optional.empty();
        }
        Throwable cause = OpenSsl.unavailabilityCause();
        return Optional.of("its native library does not load here (" + (cause == null ? "no reason given" : cause.toString()) + ")");
    }

    @Override
    public Provider provider() {
        Provider made = provider;
        if (made == null) {
            synchronized (BoringSslTls.class) {
                if (provider == null) {
                    provider = new BoringSslProvider(OpenSsl.versionString());
                }
                made = provider;
            }
        }
        return made;
    }
}
