package org.vidshare.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS key: a configured PKCS#12 keystore, or a self-signed key made with the JDK's
 * {@code keytool} on first start and kept in {@code <data-dir>/tls} (its password beside it, readable
 * by the owner only). Clients verify it by a truststore or by trust on first use.
 */
public final class TlsContexts {
    private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);
    /** Only these: TLS 1.0 and 1.1 are refused even where the JVM would still allow them. */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {
    }

    public static SSLContext serverContext(Path keystore, String password, Path dataDir) throws IOException {
        Path store = keystore;
        String secret = password;
        if (store == null) {
            Path dir = Files.createDirectories(dataDir.resolve("tls"));
            store = dir.resolve("server.p12");
            Path passFile = dir.resolve("server.pass");
            if (!Files.exists(store)) {
                secret = generateSelfSigned(store, passFile);
            } else {
                secret = Files.readString(passFile, StandardCharsets.UTF_8).strip();
            }
        }
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, secret.toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, secret.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load TLS keystore " + store + ": " + e.getMessage(), e);
        }
    }

    private static String generateSelfSigned(Path store, Path passFile) throws IOException {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        Files.writeString(passFile, secret, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(passFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            LOG.warn("cannot restrict permissions of {}", passFile);
        }
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-alias", "vidshare",
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=vidshare", "-validity", "3650", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", secret, "-keypass", secret);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed to make a self-signed key: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the TLS key", e);
        }
        LOG.info("made a self-signed TLS key in {}", store);
        return secret;
    }
}
