package org.vidshare.client.swing.model;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

/**
 * Uses TLS whenever the server offers it: the first connection to a plain port says hello, and when
 * the reply names a {@code tls_port} the client moves there (trusting the server's key as the given
 * context says: a truststore, or trust on first use). Later connections (transfers, reconnects) go
 * straight to the TLS port. A server without TLS is used in the clear.
 */
public final class AutoTlsDialer implements Connection.Dialer {
    /** Builds the TLS context for a TLS port, e.g. trust on first use with a dialog. */
    @FunctionalInterface
    public interface ContextFactory {
        SSLContext contextFor(String host, int tlsPort) throws IOException;
    }

    private final ContextFactory contexts;
    private final Map<String, Integer> tlsPorts = new ConcurrentHashMap<>();

    public AutoTlsDialer(ContextFactory contexts) {
        this.contexts = contexts;
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
            return plain;
        }
        int tlsPort = (int) hello.number("tls_port");
        plain.close();
        VidShareClient secure = VidShareClient.connectTls(host, tlsPort, contexts.contextFor(host, tlsPort), 10_000);
        tlsPorts.put(key, tlsPort);
        return secure;
    }
}
