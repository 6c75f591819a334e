package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientTls;
import org.vidshare.client.VidShareClient;
import org.vidshare.client.swing.model.AutoTlsDialer;
import org.vidshare.client.swing.model.Connection;
import org.vidshare.client.swing.model.Lang;

/**
 * No TLS downgrade (docs/security.md, client): a client that used TLS with a host refuses that
 * host's plain-only hello later (unless started with --plain), and with a truststore it checks
 * that the certificate names the host it dials.
 */
class SwingTlsDowngradeTest {
    @Test
    void aHostThatSpokeTlsIsRefusedWhenItLaterAnswersInPlainOnly(@TempDir Path home) throws Exception {
        Path known = home.resolve("known_servers");
        TestServer withTls = TestServer.start(Map.of("tls.port", "0"));
        try {
            AutoTlsDialer first = new AutoTlsDialer((host, port) -> ClientTls.trustOnFirstUse(host, port, known, (h, f) -> true),
                    known);
            try (VidShareClient client = first.dial("127.0.0.1", withTls.port())) {
                assertThat(client.secure()).isTrue();
                assertThat(client.call(Map.of("type", "ping")).ok()).isTrue();
            }
            assertThat(ClientTls.knownKeyOf(known, "127.0.0.1")).isPresent();
        } finally {
            withTls.closeAndDelete();
        }

        // The same host later answers in plain only (here: another server on it without TLS).
        TestServer plainOnly = TestServer.start();
        try {
            AutoTlsDialer later = new AutoTlsDialer((host, port) -> {
                throw new AssertionError("no TLS offered, no TLS context wanted");
            }, known);
            assertThatThrownBy(() -> later.dial("127.0.0.1", plainOnly.port()))
                    .isInstanceOf(AutoTlsDialer.DowngradeException.class)
                    .hasMessageContaining("127.0.0.1").hasMessageContaining("--plain");

            try (Connection window = new Connection("127.0.0.1", plainOnly.port(), Lang.EN, Runnable::run, 60_000)) {
                window.setDialer(later);
                assertThatThrownBy(() -> window.connect().get(60, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(AutoTlsDialer.DowngradeException.class);
                assertThat(window.state()).isEqualTo(Connection.State.DISCONNECTED);
            }

            // --plain: the person said so.
            try (Connection window = new Connection("127.0.0.1", plainOnly.port(), Lang.EN, Runnable::run, 60_000)) {
                window.setDialer(Connection.Dialer.PLAIN);
                assertThat(window.connect().get(60, TimeUnit.SECONDS).ok()).isTrue();
            }
            // A client with no memory of TLS with this host uses it in the clear, as before.
            AutoTlsDialer fresh = new AutoTlsDialer((host, port) -> {
                throw new AssertionError("no TLS offered");
            }, home.resolve("other_known_servers"));
            try (VidShareClient client = fresh.dial("127.0.0.1", plainOnly.port())) {
                assertThat(client.secure()).isFalse();
            }
        } finally {
            plainOnly.closeAndDelete();
        }
    }

    @Test
    void withATruststoreTheCertificateMustNameTheHost(@TempDir Path dir) throws Exception {
        String secret = "store-secret";
        Path keystore = dir.resolve("server.p12");
        keytool("-genkeypair", "-alias", "vidshare", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=vidshare", "-ext", "san=ip:127.0.0.1", "-validity", "30", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", secret, "-keypass", secret);
        Path truststore = dir.resolve("trust.p12");
        trustOnly(keystore, secret, truststore);

        TestServer server = TestServer.start(Map.of("tls.port", "0", "tls.keystore", keystore.toString(),
                "tls.keystore-password", secret));
        try {
            int tlsPort;
            try (VidShareClient plain = server.client()) {
                tlsPort = (int) plain.hello("en").number("tls_port");
            }
            try (VidShareClient named = VidShareClient.connectTls("127.0.0.1", tlsPort,
                    ClientTls.withTruststore(truststore, secret.toCharArray(), "127.0.0.1"), 10_000)) {
                assertThat(named.hello("en").ok()).isTrue();
            }
            assertThatThrownBy(() -> VidShareClient.connectTls("127.0.0.1", tlsPort,
                    ClientTls.withTruststore(truststore, secret.toCharArray(), "vidshare.example"), 10_000).close())
                    .isInstanceOf(SSLException.class);
        } finally {
            server.closeAndDelete();
        }

        // The server's own self-signed key names no host at all: trusted by the store, refused by name.
        TestServer selfSigned = TestServer.start(Map.of("tls.port", "0"));
        try {
            int tlsPort;
            try (VidShareClient plain = selfSigned.client()) {
                tlsPort = (int) plain.hello("en").number("tls_port");
            }
            Path ownStore = selfSigned.dataDir().resolve("tls").resolve("server.p12");
            String ownSecret = Files.readString(ownStore.resolveSibling("server.pass")).strip();
            Path ownTrust = dir.resolve("own-trust.p12");
            trustOnly(ownStore, ownSecret, ownTrust);
            assertThatThrownBy(() -> VidShareClient.connectTls("127.0.0.1", tlsPort,
                    ClientTls.withTruststore(ownTrust, secret.toCharArray(), "127.0.0.1"), 10_000).close())
                    .isInstanceOf(SSLException.class);
        } finally {
            selfSigned.closeAndDelete();
        }
    }

    /** A truststore (password "store-secret") holding only the certificate of the keystore's key. */
    private static void trustOnly(Path keystore, String password, Path truststore) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, password.toCharArray());
        }
        Certificate certificate = keys.getCertificate(keys.aliases().nextElement());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("vidshare", certificate);
        try (OutputStream out = Files.newOutputStream(truststore)) {
            trust.store(out, "store-secret".toCharArray());
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
