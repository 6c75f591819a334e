package org.vidshare.core.tls;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * Which TLS implementation makes a context: the one rule for the server and the client library.
 * {@code jdk}: the JDK's own (JSSE). A name (e.g. {@code boringssl}): that drop-in
 * {@link TlsImplementation}, refused with the reason when it is absent or cannot run here.
 * {@code auto} (the default): the first drop-in that can run here, else the JDK's. Why a native one
 * at all: on a transfer TLS is bound by the cipher, and BoringSSL's AES-GCM moves about half again
 * as many bytes per core as the JDK's (docs/benchmarks.md).
 */
public final class TlsImplementations {
    public static final String AUTO = "auto";
    public static final String JDK = "jdk";

    private TlsImplementations() {
    }

    /** A new, uninitialised "TLS" context of the implementation {@code choice} names. */
    public static SSLContext newContext(String choice) throws NoSuchAlgorithmException {
        String wanted = choice == null || choice.isBlank() ? AUTO : choice.strip().toLowerCase(Locale.ROOT);
        if (wanted.equals(JDK)) {
            return SSLContext.getInstance("TLS");
        }
        List<String> absent = new ArrayList<>();
        for (TlsImplementation implementation : ServiceLoader.load(TlsImplementation.class,
                TlsImplementations.class.getClassLoader())) {
            if (!wanted.equals(AUTO) && !wanted.equals(implementation.name())) {
                continue;
            }
            Optional<String> why = implementation.unavailable();
            if (why.isEmpty()) {
                return SSLContext.getInstance("TLS", implementation.provider());
            }
            absent.add(implementation.name() + ": " + why.get());
        }
        if (wanted.equals(AUTO)) {
            return SSLContext.getInstance("TLS");
        }
        throw new NoSuchAlgorithmException("TLS implementation " + wanted + " cannot be used here: "
                + (absent.isEmpty() ? "its module is not on the module path" : String.join("; ", absent))
                + " (tls.implementation: auto, jdk or an installed one)");
    }

    /** The implementation a context came from, as {@code tls.implementation} would name it. */
    public static String nameOf(SSLContext context) {
        for (TlsImplementation implementation : ServiceLoader.load(TlsImplementation.class,
                TlsImplementations.class.getClassLoader())) {
            if (implementation.unavailable().isEmpty() && implementation.provider().getName().equals(context.getProvider().getName())) {
                return implementation.name();
            }
        }
        return JDK;
    }

    /**
     * Whether an engine works best on direct buffers: any but the JDK's. The JDK's AES-GCM runs about a
     * third faster from and into heap arrays (docs/benchmarks.md); a native engine copies heap buffers
     * into direct ones first.
     */
    public static boolean prefersDirectBuffers(SSLEngine engine) {
        return engine.getClass().getModule() != SSLEngine.class.getModule();
    }
}
