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
import org.vidshare.core.tls.TlsImplementations;

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

    /**
     * A context that trusts the certificates of a truststore and checks that the server's
     * certificate names {@code host} (a DNS or IP subject alternative name, as HTTPS does): a
     * certificate issued to another name is refused even if the truststore trusts its issuer.
     */
    public static SSLContext withTruststore(Path truststore, char[] password, String host) throws IOException {
        try (InputStream in = Files.newInputStream(truststore)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(in, password);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            List<TrustManager> checked = new ArrayList<>();
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    checked.add(new HostNameTrustManager(x509, host));
                }
            }
            return context(checked.toArray(TrustManager[]::new));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load truststore " + truststore + ": " + e.getMessage(), e);
        }
    }

    /**
     * The fingerprint of a key this client once used over TLS with {@code host} (any port), from
     * the known-servers file: a host that spoke TLS before and answers in plain only now may be an
     * attacker in the middle stripping TLS.
     */
    public static java.util.Optional<String> knownKeyOf(Path knownServers, String host) throws IOException {
        if (!Files.exists(knownServers)) {
            return java.util.Optional.empty();
        }
        for (String line : Files.readAllLines(knownServers, StandardCharsets.UTF_8)) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 2 && hostOf(parts[0]).equals(host)) {
                return java.util.Optional.of(parts[1]);
            }
        }
        return java.util.Optional.empty();
    }

    /** Notes in the known-servers file that {@code host:port} spoke TLS with this key (once per host:port). */
    public static void rememberTls(Path knownServers, String host, int port, String fingerprint) throws IOException {
        String hostPort = host + ":" + port;
        synchronized (ClientTls.class) {
            if (Files.exists(knownServers)) {
                for (String line : Files.readAllLines(knownServers, StandardCharsets.UTF_8)) {
                    String[] parts = line.strip().split("\\s+");
                    if (parts.length == 2 && parts[0].equals(hostPort)) {
                        return;
                    }
                }
            }
            append(knownServers, hostPort + " " + fingerprint);
        }
    }

    /** The fingerprint of the key a TLS client connection's server showed. */
    public static String peerFingerprint(javax.net.ssl.SSLSession session) throws IOException {
        try {
            java.security.cert.Certificate[] chain = session.getPeerCertificates();
            return fingerprint((X509Certificate) chain[0]);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the server's certificate: " + e.getMessage(), e);
        }
    }

    private static String hostOf(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    private static void append(Path knownServers, String line) throws IOException {
        if (knownServers.getParent() != null) {
            Files.createDirectories(knownServers.getParent());
        }
        List<String> lines = Files.exists(knownServers)
                ? new ArrayList<>(Files.readAllLines(knownServers, StandardCharsets.UTF_8)) : new ArrayList<>();
        lines.add(line);
        Files.write(knownServers, lines, StandardCharsets.UTF_8);
    }

    /** A context that trusts on first use, remembering accepted servers in {@code knownServers}. */
    public static SSLContext trustOnFirstUse(String host, int port, Path knownServers, FirstUse firstUse) throws IOException {
        return trustOnFirstUse(host, port, knownServers, firstUse, System.getProperty(IMPLEMENTATION_PROPERTY));
    }

    /** The same by the TLS implementation named (auto, jdk, boringssl), whatever the system property says. */
    public static SSLContext trustOnFirstUse(String host, int port, Path knownServers, FirstUse firstUse,
                                             String implementation) throws IOException {
        return context(new TrustManager[] {new TofuTrustManager(host + ":" + port, knownServers, firstUse)}, implementation);
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

    /**
     * The system property naming whose TLS the client library uses: auto (the default: BoringSSL
     * when its module is on the module path and runs here, else the JDK's), jdk, or boringssl.
     */
    public static final String IMPLEMENTATION_PROPERTY = "vidshare.tls.implementation";

    private static SSLContext context(TrustManager[] trustManagers) throws IOException {
        return context(trustManagers, System.getProperty(IMPLEMENTATION_PROPERTY));
    }

    private static SSLContext context(TrustManager[] trustManagers, String implementation) throws IOException {
        try {
            SSLContext context = TlsImplementations.newContext(implementation);
            context.init(null, trustManagers, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** The truststore's verdict, then the host name check (RFC 6125: subject alternative names only). */
    private static final class HostNameTrustManager implements X509TrustManager {
        private static final int DNS_NAME = 2;
        private static final int IP_ADDRESS = 7;
        private final X509TrustManager trusted;
        private final String host;

        HostNameTrustManager(X509TrustManager trusted, String host) {
            this.trusted = trusted;
            this.host = host;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            trusted.checkServerTrusted(chain, authType);
            java.util.Collection<List<?>> names = chain[0].getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    int type = (Integer) name.get(0);
                    String value = String.valueOf(name.get(1));
                    if (type == IP_ADDRESS && sameAddress(value) || type == DNS_NAME && dnsMatches(value)) {
                        return;
                    }
                }
            }
            throw new CertificateException("the server's certificate is not issued to " + host + ": refusing the connection");
        }

        private boolean sameAddress(String value) {
            try {
                return looksLikeAddress(host) && java.net.InetAddress.getByName(value).equals(java.net.InetAddress.getByName(host));
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }

        private static boolean looksLikeAddress(String text) {
            return text.contains(":") || text.matches("[0-9.]+");
        }

        /** Exact, or a wildcard for exactly the leftmost label ({@code *.example.com}). */
        private boolean dnsMatches(String pattern) {
            String name = host.toLowerCase(java.util.Locale.ROOT);
            String wanted = pattern.toLowerCase(java.util.Locale.ROOT);
            if (wanted.startsWith("*.")) {
                int dot = name.indexOf('.');
                return dot > 0 && name.substring(dot).equals(wanted.substring(1));
            }
            return name.equals(wanted);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("clients are not authenticated by certificate");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return trusted.getAcceptedIssuers();
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
