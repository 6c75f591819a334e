package org.vidshare.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vidshare.core.tls.CipherOrder;
import org.vidshare.core.tls.TlsImplementations;

/**
 * The server's TLS key: a configured PKCS#12 keystore, or a self-signed key made with the JDK's
 * {@code keytool} on first start and kept in {@code <data-dir>/tls} (a 0700 directory; the store and
 * its password file beside it 0600; the password reaches keytool through its environment). Clients verify it by a truststore or by trust on first use.
 */
public final class TlsContexts {
    private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);
    /** Only these: TLS 1.0 and 1.1 are refused even where the JVM would still allow them. */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {
    }

    /** The context's default suites, AES-128-GCM first (CipherOrder). */
    public static String[] cipherSuites(SSLContext context) {
        return CipherOrder.aes128GcmFirst(context.getDefaultSSLParameters().getCipherSuites());
    }

    /** New server engines of {@code context}: TLS 1.3 and 1.2 only, AES-128-GCM first, no client certificates. */
    public static Supplier<SSLEngine> serverEngines(SSLContext context) {
        String[] suites = cipherSuites(context);
        return () -> {
            SSLEngine engine = context.createSSLEngine();
            engine.setUseClientMode(false);
            engine.setEnabledProtocols(PROTOCOLS);
            engine.setEnabledCipherSuites(suites);
            return engine;
        };
    }

    /** {@code implementation}: whose TLS ({@code tls.implementation}: auto, jdk, boringssl; TlsImplementations). */
    public static SSLContext serverContext(Path keystore, String password, Path dataDir, String implementation)
            throws IOException {
        SSLContext context;
        try {
            context = TlsImplementations.newContext(implementation);
        } catch (NoSuchAlgorithmException e) {
            throw new IOException(e.getMessage(), e);
        }
        Path store = keystore;
        String secret = password;
        if (store == null) {
            Path dir = ownerOnlyDirectory(dataDir.resolve("tls"));
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
            context.init(kmf.getKeyManagers(), null, new SecureRandom());
            LOG.info("TLS by {} ({})", TlsImplementations.nameOf(context), context.getProvider().getInfo());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load TLS keystore " + store + ": " + e.getMessage(), e);
        }
    }

    /** The environment variable that hands keytool the new key's password (never its command line). */
    static final String PASSWORD_VARIABLE = "VIDSHARE_KEYTOOL_PASSWORD";
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    /** The key's directory, 0700 whether new or already there (an older version made it with the umask's mode). */
    private static Path ownerOnlyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(dir);
            }
        }
        restrict(dir, OWNER_ONLY_DIRECTORY);
        return dir;
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException e) {
            LOG.warn("cannot restrict permissions of {} on this file system", path);
        }
    }

    private static String generateSelfSigned(Path store, Path passFile) throws IOException {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        // Created 0600 before a byte of the secret is written, not narrowed afterwards.
        Files.deleteIfExists(passFile);
        try {
            Files.createFile(passFile, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        } catch (UnsupportedOperationException e) {
            Files.createFile(passFile);
        }
        restrict(passFile, OWNER_ONLY_FILE);
        Files.writeString(passFile, secret, StandardCharsets.UTF_8);
        ProcessBuilder keytool = new ProcessBuilder(keytoolCommand(store)).redirectErrorStream(true);
        // Any user can read a process's command line (ps, /proc/PID/cmdline); its environment only
        // the same user. PKCS#12 has one password for the store and its key.
        keytool.environment().put(PASSWORD_VARIABLE, secret);
        Process process = keytool.start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed to make a self-signed key: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the TLS key", e);
        }
        // keytool writes with the umask's mode; the 0700 directory kept everyone else out meanwhile.
        restrict(store, OWNER_ONLY_FILE);
        LOG.info("made a self-signed TLS key in {}", store);
        return secret;
    }

    /** keytool's arguments: the password is named by the environment variable, never spelled out. */
    static List<String> keytoolCommand(Path store) {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        return List.of(keytool.toString(), "-genkeypair", "-alias", "vidshare",
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=vidshare", "-validity", "3650", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass:env", PASSWORD_VARIABLE, "-keypass:env", PASSWORD_VARIABLE);
    }
}
