package org.vidshare.core.tls;

import java.security.Provider;
import java.util.Optional;

/**
 * A TLS implementation besides the JDK's, as a JCA provider of {@code SSLContext} "TLS": a drop-in
 * module found through {@link java.util.ServiceLoader} (the release ships BoringSSL's, module
 * {@code org.vidshare.tls.boringssl}). Its contexts hand out {@code SSLEngine}s, the only part of
 * them VidShare uses; the server's filter and the client library drive any engine alike.
 */
public interface TlsImplementation {
    /** What {@code tls.implementation} names it by, e.g. {@code boringssl}. */
    String name();

    /** Why it cannot run here (its native library missing for this platform, say); empty when it can. */
    Optional<String> unavailable();

    /** Its provider; only asked for when {@link #unavailable()} is empty. */
    Provider provider();
}
