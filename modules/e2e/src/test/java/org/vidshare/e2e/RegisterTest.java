package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.Wire.assertCode;
import static org.vidshare.e2e.Wire.login;
import static org.vidshare.e2e.Wire.md5;
import static org.vidshare.e2e.Wire.register;
import static org.vidshare.e2e.Wire.request;
import static org.vidshare.e2e.Wire.whoami;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

/** {@code register} of user accounts: password format, name rules, uniqueness (also under concurrency). */
class RegisterTest extends OneServerPerClass {
    @Test
    void aNewUserCanLogInAndStartsWithDefaults() throws Exception {
        try (VidShareClient client = server.client()) {
            ClientReply reply = register(client, "13800000000", "pw-1", "user");
            assertCode(reply, "ok");
            assertCode(login(client, "13800000000", "pw-1"), "ok");
            ClientReply me = whoami(client);
            assertThat(me.string("name")).isEqualTo("13800000000");
            assertThat(me.string("user_type")).isEqualTo("user");
            assertThat(me.number("is_vip")).isZero();
            assertThat(me.number("balance_cents")).isZero();
        }
    }

    @Test
    void thePasswordMustBeLowercaseMd5Hex() throws Exception {
        String good = md5("pw");
        List<Object> bad = List.of("pw", good.toUpperCase(), good.substring(1), good + "0", good.replace(good.charAt(0), 'g'),
                " " + good, "", 12345, true);
        try (VidShareClient client = server.client()) {
            for (Object password : bad) {
                ClientReply reply = client.call(request("type", "register", "name", "pwformat", "password", password,
                        "user_type", "user"));
                assertCode(reply, "bad_request");
                assertThat(reply.msg()).contains("password");
            }
            assertCode(client.call(request("type", "register", "name", "pwformat", "user_type", "user")), "bad_request");
            // None of the refused requests created the account.
            assertCode(register(client, "pwformat", "pw", "user"), "ok");
        }
    }

    @Test
    void namesAreOneToThirtyTwoCharactersAfterTrimmingWithoutControlCharacters() throws Exception {
        try (VidShareClient client = server.client()) {
            for (Object name : List.of("", "   ", "\t \n", "x".repeat(33), "  " + "y".repeat(33) + "  ",
                    "bell\u0007", "new\nline", "tab\tinside", "del\u007f", "c1\u0085ctl", "nul\u0000", 42,
                    // Line and paragraph separators, and bidi overrides/isolates that disguise a name.
                    "line\u2028sep", "para\u2029sep", "admin\u202Eevil", "lre\u202Ax", "fsi\u2068x\u2069")) {
                ClientReply reply = client.call(request("type", "register", "name", name, "password", md5("pw"),
                        "user_type", "user"));
                assertCode(reply, "bad_request");
                assertThat(reply.msg()).contains("name");
            }
            assertCode(client.call(request("type", "register", "password", md5("pw"), "user_type", "user")), "bad_request");

            // Exactly 32 characters, counted as characters (code points), not bytes or UTF-16 units.
            assertCode(register(client, "z".repeat(32), "pw", "user"), "ok");
            assertCode(register(client, "名".repeat(32), "pw", "user"), "ok");
            assertCode(register(client, "\uD83C\uDFAC".repeat(32), "pw", "user"), "ok");
            assertCode(register(client, "  " + "w".repeat(32) + "\t", "pw", "user"), "ok");
            assertCode(register(client, "a", "pw", "user"), "ok");
            assertCode(register(client, "inner space ok", "pw", "user"), "ok");
            // Joiners are not controls: emoji sequences and many scripts need them.
            assertCode(register(client, "family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "pw", "user"), "ok");
            assertCode(register(client, "क्\u200Dष", "pw", "user"), "ok");
        }
    }

    @Test
    void theNameIsStoredTrimmed() throws Exception {
        try (VidShareClient client = server.client()) {
            assertCode(register(client, "  trimmed \t", "pw", "user"), "ok");
            assertCode(register(client, "trimmed", "pw", "user"), "conflict");
            assertCode(login(client, "trimmed", "pw"), "ok");
            assertThat(whoami(client).string("name")).isEqualTo("trimmed");
        }
    }

    @Test
    void namesAreUniqueAndCaseSensitive() throws Exception {
        try (VidShareClient client = server.client()) {
            assertCode(register(client, "Carol", "pw-upper", "user"), "ok");
            assertCode(register(client, "carol", "pw-lower", "user"), "ok");
            ClientReply again = register(client, "Carol", "other", "user");
            assertCode(again, "conflict");
            // The refused registration changed nothing: the first password still works, the second not.
            assertCode(login(client, "Carol", "pw-upper"), "ok");
            assertThat(whoami(client).string("name")).isEqualTo("Carol");
            assertCode(login(client, "carol", "pw-lower"), "ok");
            assertThat(whoami(client).string("name")).isEqualTo("carol");
            assertCode(login(client, "Carol", "other"), "bad_credentials");
        }
    }

    @Test
    void namesAreComparedInOneUnicodeForm() throws Exception {
        String composed = "Caf\u00e9";
        String decomposed = "Cafe\u0301";
        try (VidShareClient client = server.client()) {
            assertCode(register(client, decomposed, "pw", "user"), "ok");
            // The same name typed the other way is the same account, not a look-alike second one.
            assertCode(register(client, composed, "other", "user"), "conflict");
            assertCode(login(client, composed, "pw"), "ok");
            assertThat(whoami(client).string("name")).isEqualTo(composed);
            assertCode(login(client, decomposed, "pw"), "ok");
        }
    }

    @Test
    void theUserTypeIsUserOrAdmin() throws Exception {
        try (VidShareClient client = server.client()) {
            for (Object type : List.of("root", "USER", "", 1)) {
                assertCode(client.call(request("type", "register", "name", "typed", "password", md5("pw"),
                        "user_type", type)), "bad_request");
            }
            assertCode(client.call(request("type", "register", "name", "typed", "password", md5("pw"))), "bad_request");
            assertCode(register(client, "typed", "pw", "user"), "ok");
        }
    }

    @Test
    void concurrentRegistrationsOfOneNameLetExactlyOneWin() throws Exception {
        int contenders = 20;
        List<ClientReply> replies = Wire.race(server, contenders, (c, i) -> register(c, "race-name", "pw-" + i, "user"));
        assertThat(replies).filteredOn(ClientReply::ok).hasSize(1);
        assertThat(replies).filteredOn(r -> !r.ok()).allSatisfy(r -> assertCode(r, "conflict"));
        int winner = replies.indexOf(replies.stream().filter(ClientReply::ok).findFirst().orElseThrow());
        try (VidShareClient client = server.client()) {
            assertCode(login(client, "race-name", "pw-" + winner), "ok");
        }
    }

    @Test
    void concurrentRegistrationsOfDifferentNamesAllSucceed() throws Exception {
        List<ClientReply> replies = Wire.race(server, 20, (c, i) -> register(c, "parallel-" + i, "pw", "user"));
        assertThat(replies).allSatisfy(r -> assertCode(r, "ok"));
        try (VidShareClient client = server.client()) {
            for (int i = 0; i < 20; i++) {
                assertCode(login(client, "parallel-" + i, "pw"), "ok");
            }
        }
    }

    @Test
    void unknownKeysAreIgnoredAndAnInjectedUserIdGrantsNothing() throws Exception {
        try (VidShareClient client = server.client()) {
            ClientReply reply = client.call(Map.of("type", "register", "name", "extra-keys", "password", md5("pw"),
                    "user_type", "user", "is_vip", 1, "balance_cents", 999_999, "user_id", 1, "colour", "red"));
            assertCode(reply, "ok");
            assertCode(login(client, "extra-keys", "pw"), "ok");
            ClientReply me = whoami(client);
            assertThat(me.number("is_vip")).isZero();
            assertThat(me.number("balance_cents")).isZero();
        }
    }
}
