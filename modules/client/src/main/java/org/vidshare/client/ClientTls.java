package org.vidshare.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * How a client trusts a VidShare server's TLS key: by a truststore, or by trust on first use (as
 * SSH does): the first fingerprint seen for {@code host:port} is shown, and once accepted it is
 * remembered in a known-servers file; a different key later is refused.
 */
public final class ClientTls {
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private ClientTls() {
    }

    /** Decides whether to trust a server seen for the first time. */
    @FunctionalInterface
    public interface FirstUse {
        boolean accept(String hostPort, String sha256Fingerprint);
    }

    /** A context that trusts the certificates of a truststore (PKCS#12 or JKS). */
    public static SSLContext withTruststore(Path truststore, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(truststore)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(in, password);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return context(factory.getTrustManagers());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load truststore " + truststore + ": " + e.getMessage(), e);
        }
    }

    /** A context that trusts on first use, remembering accepted servers in {@code knownServers}. */
    public static SSLContext trustOnFirstUse(String host, int port, Path knownServers, FirstUse firstUse) throws IOException {
        return context(new TrustManager[] {new TofuTrustManager(host + ":" + port, knownServers, firstUse)});
    }

    /** The SHA-256 fingerprint of a certificate, as colon-separated upper-case hex. */
    public static String fingerprint(X509Certificate certificate) throws CertificateException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new CertificateException(e);
        }
    }

    private static SSLContext context(TrustManager[] trustManagers) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static final class TofuTrustManager implements X509TrustManager {
        private final String hostPort;
        private final Path knownServers;
        private final FirstUse firstUse;

        TofuTrustManager(String hostPort, Path knownServers, FirstUse firstUse) {
            this.hostPort = hostPort;
            this.knownServers = knownServers;
            this.firstUse = firstUse;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the server sent no certificate");
            }
            String seen = fingerprint(chain[0]);
            String known = lookup();
            if (known != null) {
                if (!known.equals(seen)) {
                    throw new CertificateException("the key of " + hostPort + " changed (was " + known + ", now " + seen
                            + "): refusing the connection");
                }
                return;
            }
            if (!firstUse.accept(hostPort, seen)) {
                throw new CertificateException("the key of " + hostPort + " was not accepted");
            }
            remember(seen);
        }

        private String lookup() throws CertificateException {
            try {
                if (!Files.exists(knownServers)) {
                    return null;
                }
                for (String line : Files.readAllLines(knownServers, StandardCharsets.UTF_8)) {
                    String[] parts = line.strip().split("\\s+");
                    if (parts.length == 2 && parts[0].equals(hostPort)) {
                        return parts[1];
                    }
                }
                return null;
            } catch (IOException e) {
                throw new CertificateException("cannot read " + knownServers, e);
            }
        }

        private void remember(String fingerprint) throws CertificateException {
            try {
                if (knownServers.getParent() != null) {
                    Files.createDirectories(knownServers.getParent());
                }
                List<String> lines = Files.exists(knownServers)
                        ? new ArrayList<>(Files.readAllLines(knownServers, StandardCharsets.UTF_8)) : new ArrayList<>();
                lines.add(hostPort + " " + fingerprint);
                Files.write(knownServers, lines, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CertificateException("cannot write " + knownServers, e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("clients are not authenticated by certificate");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
