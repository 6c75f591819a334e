package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.Wire.assertCode;
import static org.vidshare.e2e.Wire.login;
import static org.vidshare.e2e.Wire.md5;
import static org.vidshare.e2e.Wire.register;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

/**
 * The failure lock under parallel guessing: many wrong passwords for one name sent at once on many
 * connections must not get more than {@code login.max-failures} password checks. A slow hash
 * (as in production) makes the window between check and count wide.
 */
class LoginRaceTest {
    private static final int MAX_FAILURES = 3;
    private static final int GUESSERS = 16;
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(Map.of("login.max-failures", String.valueOf(MAX_FAILURES),
                "login.max-failures-per-address", "100000", "password.pbkdf2-iterations", "30000",
                "login.guard", guard()));
    }

    /** Where the failures are counted ({@code login.guard}); the embedded H2 file's default is memory. */
    String guard() {
        return "auto";
    }

    @AfterEach
    void stop() {
        server.closeAndDelete();
    }

    @Test
    void parallelWrongLoginsGetAtMostMaxFailuresPasswordChecks() throws Exception {
        try (VidShareClient client = server.client()) {
            assertCode(register(client, "target", "right", "user"), "ok");
        }
        List<ClientReply> replies = Wire.race(server, GUESSERS, (client, i) -> login(client, "target", "guess-" + i));
        assertThat(replies).filteredOn(r -> r.code().equals("bad_credentials")).hasSize(MAX_FAILURES);
        // The others were refused without a password check: locked once the lock is in place, or
        // too_many_requests while the last allowed checks were still running.
        assertThat(replies).filteredOn(r -> !r.code().equals("bad_credentials"))
                .allSatisfy(r -> assertThat(r.code()).isIn("locked", "too_many_requests"));
        try (VidShareClient client = server.client()) {
            assertCode(login(client, "target", "right"), "locked");
        }
    }

    @Test
    void parallelWrongOldPasswordsAreLimitedTheSameWay() throws Exception {
        try (VidShareClient client = server.client()) {
            assertCode(register(client, "changer", "right", "user"), "ok");
        }
        List<ClientReply> replies = Wire.race(server, GUESSERS, (client, i) -> login(client, "changer", "right"),
                (client, i) -> client.call(Map.of("type", "change_password", "old_password", md5("guess-" + i),
                        "new_password", md5("new"))));
        assertThat(replies).filteredOn(r -> r.code().equals("bad_credentials")).hasSize(MAX_FAILURES);
        assertThat(replies).filteredOn(r -> !r.code().equals("bad_credentials"))
                .allSatisfy(r -> assertThat(r.code()).isIn("locked", "too_many_requests"));
    }

    @Test
    void parallelRightLoginsAreNeverCountedAsFailures() throws Exception {
        try (VidShareClient client = server.client()) {
            assertCode(register(client, "popular", "right", "user"), "ok");
        }
        // Up to the failure budget at once: nobody is turned away.
        List<ClientReply> replies = Wire.race(server, MAX_FAILURES, (client, i) -> login(client, "popular", "right"));
        assertThat(replies).allSatisfy(r -> assertCode(r, "ok"));
        // More at once than the budget: each gets a session or a "try again" (never locked, never
        // bad_credentials), and the account is not locked afterwards.
        List<ClientReply> crowd = Wire.race(server, GUESSERS, (client, i) -> login(client, "popular", "right"));
        assertThat(crowd).allSatisfy(r -> assertThat(r.code()).isIn("ok", "too_many_requests"));
        assertThat(crowd).anySatisfy(r -> assertCode(r, "ok"));
        try (VidShareClient client = server.client()) {
            assertCode(login(client, "popular", "right"), "ok");
        }
    }
}
