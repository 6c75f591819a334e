package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.Wire.assertCode;
import static org.vidshare.e2e.Wire.login;
import static org.vidshare.e2e.Wire.md5;
import static org.vidshare.e2e.Wire.register;
import static org.vidshare.e2e.Wire.whoami;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vidshare.client.VidShareClient;

/** Accounts live in the H2 file: they survive a restart, and the file holds no password or its md5. */
class PersistenceTest extends OneServerPerTest {
    @Test
    void accountsAndChangedPasswordsSurviveARestart() throws Exception {
        long userId;
        try (VidShareClient client = server.client()) {
            assertCode(register(client, "keeper", "pw-keep", "user"), "ok");
            assertCode(register(client, "mover", "pw-old", "user"), "ok");
            assertCode(register(client, "the-admin", "pw-admin", "admin"), "ok");
            userId = login(client, "keeper", "pw-keep").number("user_id");
            assertCode(login(client, "mover", "pw-old"), "ok");
            assertCode(client.call(Map.of("type", "change_password", "old_password", md5("pw-old"),
                    "new_password", md5("pw-new"))), "ok");
        }
        server.restart();
        try (VidShareClient client = server.client()) {
            assertCode(login(client, "keeper", "pw-keep"), "ok");
            assertThat(whoami(client).number("user_id")).isEqualTo(userId);
            assertCode(login(client, "mover", "pw-old"), "bad_credentials");
            assertCode(login(client, "mover", "pw-new"), "ok");
            assertCode(login(client, "the-admin", "pw-admin", "admin"), "ok");
            assertCode(register(client, "keeper", "other", "user"), "conflict");
        }
        try (VidShareClient anonymous = server.client()) {
            // The stored admin still counts: no second "first admin" after a restart.
            assertCode(register(anonymous, "late-admin", "pw", "admin"), "forbidden");
        }
        // A second restart, and new accounts get new ids, never a reused one.
        server.restart();
        try (VidShareClient client = server.client()) {
            assertCode(register(client, "after-restarts", "pw", "user"), "ok");
            long newId = login(client, "after-restarts", "pw").number("user_id");
            assertThat(newId).isNotEqualTo(userId);
            assertCode(login(client, "keeper", "pw-keep"), "ok");
        }
    }

    @Test
    void theDatabaseHoldsNeitherThePasswordNorItsMd5() throws Exception {
        String first = "Plain-Secret-4711";
        String changed = "Changed-Secret-0815";
        try (VidShareClient client = server.client()) {
            assertCode(register(client, "secretive-user", first, "user"), "ok");
            assertCode(register(client, "same-password", first, "user"), "ok");
            assertCode(register(client, "changes-later", "temporary-secret", "user"), "ok");
            assertCode(login(client, "changes-later", "temporary-secret"), "ok");
            assertCode(client.call(Map.of("type", "change_password", "old_password", md5("temporary-secret"),
                    "new_password", md5(changed))), "ok");
        }
        server.close();

        List<byte[]> forbidden = new ArrayList<>();
        for (String secret : List.of(first, changed, "temporary-secret")) {
            String md5 = md5(secret);
            forbidden.add(secret.getBytes(StandardCharsets.UTF_8));
            forbidden.add(secret.getBytes(StandardCharsets.UTF_16BE));
            forbidden.add(secret.getBytes(StandardCharsets.UTF_16LE));
            forbidden.add(md5.getBytes(StandardCharsets.US_ASCII));
            forbidden.add(md5.toUpperCase().getBytes(StandardCharsets.US_ASCII));
            forbidden.add(md5.getBytes(StandardCharsets.UTF_16BE));
            forbidden.add(md5.getBytes(StandardCharsets.UTF_16LE));
            forbidden.add(HexFormat.of().parseHex(md5));
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(server.dataDir())) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).anySatisfy(f -> assertThat(f.getFileName().toString()).endsWith(".mv.db"));
        boolean nameFound = false;
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            for (byte[] secret : forbidden) {
                assertThat(indexOf(bytes, secret)).as("%s in %s", new String(secret, StandardCharsets.ISO_8859_1), file)
                        .isNegative();
            }
            nameFound |= indexOf(bytes, "secretive-user".getBytes(StandardCharsets.UTF_8)) >= 0;
        }
        // The scan reads the stored rows at all: the account's name is there in plain text.
        assertThat(nameFound).as("the scan finds the stored name").isTrue();

        Map<String, String> hashes = new HashMap<>();
        try (Connection db = DriverManager.getConnection(server.jdbcUrl(), "sa", "");
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT NAME, PASSWORD_HASH FROM VS_USER")) {
            while (rows.next()) {
                hashes.put(rows.getString(1), rows.getString(2));
            }
        }
        assertThat(hashes).containsOnlyKeys("secretive-user", "same-password", "changes-later");
        for (String hash : hashes.values()) {
            assertThat(hash).startsWith("pbkdf2-sha256$");
            for (String secret : List.of(first, changed, "temporary-secret")) {
                assertThat(hash).doesNotContain(secret).doesNotContainIgnoringCase(md5(secret));
            }
        }
        // Salted: one password, two different hashes.
        assertThat(hashes.get("secretive-user")).isNotEqualTo(hashes.get("same-password"));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
