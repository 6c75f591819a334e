package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

/**
 * {@code vidshare-server add-admin} run as an operator runs it (a child JVM on the packaged module
 * path) against the data directory of a real server, then checked by logging in over TCP.
 */
class AddAdminTest {
    private static final String ADMIN_PASSWORD = "  ops pass with spaces ";

    private TestServer server;

    @BeforeEach
    void startAndStop() {
        server = TestServer.start();
        // Stopped, with its data kept: the database has its schema and is free for the command.
        server.close();
    }

    @AfterEach
    void delete() {
        server.closeAndDelete();
    }

    @Test
    void addsAnAdminWhoLogsInOverTheNetwork() throws Exception {
        ServerCli.Result result = addAdmin(server.dataDir(), "  ops  ", ADMIN_PASSWORD + "\n");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("admin 'ops' added");

        server.restart();
        try (VidShareClient client = server.client()) {
            ClientReply login = client.call(Map.of("type", "login", "name", "ops",
                    "password", org.vidshare.core.hash.Passwords.md5Hex(ADMIN_PASSWORD), "user_type", "admin"));
            assertThat(login.ok()).as(login.toString()).isTrue();
            assertThat(login.string("user_type")).isEqualTo("admin");
            assertThat(client.call(Map.of("type", "list_users")).ok()).isTrue();
            // The password is taken as typed: trimmed, it is a different password.
            try (VidShareClient other = server.client()) {
                assertThat(other.login("ops", ADMIN_PASSWORD.strip()).code()).isEqualTo("bad_credentials");
            }
            // The server now has an admin: nobody self-registers another, even from loopback.
            try (VidShareClient anonymous = server.client()) {
                assertThat(TestServer.register(anonymous, "second", "admin").code()).isEqualTo("forbidden");
            }
        }
    }

    @Test
    void refusesWhileTheServerHoldsTheDatabaseAndAddsNothing() throws Exception {
        server.restart();
        ServerCli.Result result = addAdmin(server.dataDir(), "intruder", "pw\n");
        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(result.stderr()).contains("in use").contains("stop it first");
        assertThat(result.stderr()).doesNotContain("Exception");
        try (VidShareClient client = server.client()) {
            assertThat(client.login("intruder", "pw").code()).isEqualTo("bad_credentials");
        }
    }

    @Test
    void aSecondServerOnTheSameDataDirectorySaysTheDatabaseIsInUse() throws Exception {
        server.restart();
        ServerCli.Result result = ServerCli.run(List.of("serve", "--host", "127.0.0.1", "--port", "0",
                "--data-dir", server.dataDir().toString()), null);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).contains("vidshare-server: the database").contains("is in use by another process");
        assertThat(result.stdout()).doesNotContain("listening");
    }

    @Test
    void aTakenNameIsRefusedAndTheFirstPasswordStays() throws Exception {
        assertThat(addAdmin(server.dataDir(), "ops", "first\n").exitCode()).isZero();
        ServerCli.Result again = addAdmin(server.dataDir(), "ops", "second\n");
        assertThat(again.exitCode()).as(again.toString()).isNotZero();
        assertThat(again.stderr()).contains("'ops' is already taken");

        server.restart();
        try (VidShareClient client = server.client()) {
            assertThat(client.login("ops", "second").code()).isEqualTo("bad_credentials");
            assertThat(client.login("ops", "first").ok()).isTrue();
        }
    }

    @Test
    void badNamesAndAMissingPasswordAreRefusedWithTheReason() throws Exception {
        ServerCli.Result tooLong = addAdmin(server.dataDir(), "x".repeat(33), "pw\n");
        assertThat(tooLong.exitCode()).isEqualTo(2);
        assertThat(tooLong.stderr()).contains("--name").contains("1-32 characters");

        ServerCli.Result control = addAdmin(server.dataDir(), "tab\there", "pw\n");
        assertThat(control.exitCode()).isEqualTo(2);
        assertThat(control.stderr()).contains("control characters");

        ServerCli.Result noPassword = addAdmin(server.dataDir(), "ops", "");
        assertThat(noPassword.exitCode()).isEqualTo(2);
        assertThat(noPassword.stderr()).contains("no password");

        ServerCli.Result unknownKey = ServerCli.run(List.of("add-admin", "--data-dir", server.dataDir().toString(),
                "--name", "ops", "--set", "password.iterations=5"), "pw\n");
        assertThat(unknownKey.exitCode()).isEqualTo(2);
        assertThat(unknownKey.stderr()).contains("unknown configuration key 'password.iterations'");

        server.restart();
        try (VidShareClient client = server.client()) {
            assertThat(client.login("ops", "pw").code()).isEqualTo("bad_credentials");
        }
    }

    private static ServerCli.Result addAdmin(Path dataDir, String name, String stdin) throws Exception {
        List<String> args = new ArrayList<>(List.of("add-admin", "--data-dir", dataDir.toString(), "--name", name,
                // As the test server hashes: fast, and stored with the hash, so a login checks it right.
                "--set", "password.pbkdf2-iterations=1000"));
        return ServerCli.run(args, stdin);
    }
}
