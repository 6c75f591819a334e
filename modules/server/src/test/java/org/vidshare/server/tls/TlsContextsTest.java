package org.vidshare.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The self-signed key made on first start: owner-only files, the password never on keytool's command line. */
class TlsContextsTest {
    @Test
    void theSelfSignedKeyAndItsPasswordAreOwnerOnlyInAnOwnerOnlyDirectory(@TempDir Path dataDir) throws IOException {
        SSLContext first = TlsContexts.serverContext(null, "", dataDir, "jdk");
        Path dir = dataDir.resolve("tls");
        assertThat(first).isNotNull();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("server.p12")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("server.pass")))).isEqualTo("rw-------");

        // The second start loads the same key with the kept password.
        assertThat(TlsContexts.serverContext(null, "", dataDir, "jdk")).isNotNull();
    }

    @Test
    void aDirectoryAnOlderVersionLeftOpenIsNarrowedAtStart(@TempDir Path dataDir) throws IOException {
        Path dir = Files.createDirectories(dataDir.resolve("tls"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        TlsContexts.serverContext(null, "", dataDir, "jdk");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }

    @Test
    void keytoolIsToldWhereThePasswordIsNotWhatItIs(@TempDir Path dataDir) throws IOException {
        TlsContexts.serverContext(null, "", dataDir, "jdk");
        String secret = Files.readString(dataDir.resolve("tls").resolve("server.pass")).strip();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
        var command = TlsContexts.keytoolCommand(dataDir.resolve("tls").resolve("server.p12"));
        assertThat(command).doesNotContain(secret).doesNotContain("-storepass", "-keypass")
                .contains("-storepass:env", "-keypass:env", TlsContexts.PASSWORD_VARIABLE);
    }

    @Test
    void theSuitesAreTheJvmDefaultsWithAes128GcmFirst(@TempDir Path dataDir) throws IOException {
        SSLContext context = TlsContexts.serverContext(null, "", dataDir, "jdk");
        List<String> defaults = List.of(context.getDefaultSSLParameters().getCipherSuites());
        List<String> suites = List.of(TlsContexts.cipherSuites(context));
        assertThat(suites).containsExactlyInAnyOrderElementsOf(defaults);
        assertThat(suites.get(0)).isEqualTo("TLS_AES_128_GCM_SHA256");
        int firstOther = suites.indexOf(suites.stream().filter(s -> !s.contains("_AES_128_GCM_")).findFirst().orElseThrow());
        assertThat(suites.subList(firstOther, suites.size())).noneMatch(s -> s.contains("_AES_128_GCM_"));
        // The rest keep the JVM's order.
        assertThat(suites.subList(firstOther, suites.size()))
                .containsExactlyElementsOf(defaults.stream().filter(s -> !s.contains("_AES_128_GCM_")).toList());
    }
}
