package org.vidshare.client.swing.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.vidshare.client.ClientReply;
import org.vidshare.client.ClientTls;
import org.vidshare.client.VidShareClient;

/**
 * Uses TLS whenever the server offers it: the first connection to a plain port says hello, and when
 * the reply names a {@code tls_port} the client moves there (trusting the server's key as the given
 * context says: a truststore, or trust on first use). Later connections (transfers, reconnects) go
 * straight to the TLS port. A server without TLS is used in the clear, unless this client has
 * used TLS with that host before: then a plain-only answer may be an attacker stripping TLS, and
 * the connection is refused (start with {@code --plain} to use such a server anyway).
 */
public final class AutoTlsDialer implements Connection.Dialer {
    /** Builds the TLS context for a TLS port, e.g. trust on first use with a dialog. */
    @FunctionalInterface
    public interface ContextFactory {
        SSLContext contextFor(String host, int tlsPort) throws IOException;
    }

    /** Refused: the host spoke TLS with this client before and offers none now. */
    public static final class DowngradeException extends IOException {
        public DowngradeException(String host, String fingerprint) {
            super(host + " used TLS before (key " + fingerprint + ") but now offers no TLS: refusing to continue in"
                    + " the clear (someone may be stripping TLS). Start the client with --plain to connect anyway.");
        }
    }

    private final ContextFactory contexts;
    /** Where the hosts that spoke TLS are remembered (the known-servers file), or null to remember nothing. */
    private final Path knownServers;
    private final Map<String, Integer> tlsPorts = new ConcurrentHashMap<>();

    public AutoTlsDialer(ContextFactory contexts) {
        this(contexts, null);
    }

    /** @param knownServers the known-servers file: every host this client used TLS with is noted there */
    public AutoTlsDialer(ContextFactory contexts, Path knownServers) {
        this.contexts = contexts;
        this.knownServers = knownServers;
    }

    @Override
    public VidShareClient dial(String host, int port) throws IOException {
        String key = host + ":" + port;
        Integer known = tlsPorts.get(key);
        if (known != null) {
            return VidShareClient.connectTls(host, known, contexts.contextFor(host, known), 10_000);
        }
        VidShareClient plain = VidShareClient.connect(host, port, 10_000);
        ClientReply hello;
        try {
            hello = plain.hello("en");
        } catch (IOException e) {
            plain.close();
            throw e;
        }
        if (!hello.ok() || !hello.has("tls_port")) {
            Optional<String> usedTls = knownServers == null ? Optional.empty() : ClientTls.knownKeyOf(knownServers, host);
            if (usedTls.isPresent()) {
                plain.close();
                throw new DowngradeException(host, usedTls.get());
            }
            return plain;
        }
        int tlsPort = (int) hello.number("tls_port");
        plain.close();
        VidShareClient secure = VidShareClient.connectTls(host, tlsPort, contexts.contextFor(host, tlsPort), 10_000);
        if (knownServers != null) {
            try {
                ClientTls.rememberTls(knownServers, host, tlsPort, ClientTls.peerFingerprint(secure.tlsSession()));
            } catch (IOException e) {
                secure.close();
                throw e;
            }
        }
        tlsPorts.put(key, tlsPort);
        return secure;
    }
}
