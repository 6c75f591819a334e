package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vidshare.e2e.ClassicClient.dic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.hash.Passwords;

/** The 2018 course clients, unmodified: no hello, the original names and reply shapes. */
class ClassicDialectTest extends OneServerPerClass {
    @Test
    void pythonJsonDumpsIsReproducedByteForByte() {
        assertThat(ClassicClient.pythonJsonDumps(dic("type", "login", "name", "张三", "n", 1)))
                .isEqualTo("{\"type\": \"login\", \"name\": \"\\u5f20\\u4e09\", \"n\": 1}");
    }

    @Test
    void userRegistersAndLogsInAndLastNoticeIsFalseWhenThereIsNone() throws Exception {
        try (ClassicClient client = new ClassicClient(server.port())) {
            JsonNode registered = client.send(dic("type", "register", "name", "classic-user",
                    "password", Passwords.md5Hex("123"), "user_type", "user"));
            assertThat(registered.path("flag").asBoolean()).isTrue();
            assertThat(registered.path("msg").asText()).isEqualTo("注册成功");

            JsonNode login = client.send(dic("type", "login", "name", "classic-user",
                    "password", Passwords.md5Hex("123"), "user_type", "user"));
            assertThat(login.path("flag").asBoolean()).isTrue();
            assertThat(login.path("msg").asText()).isEqualTo("登录成功");
            assertThat(login.has("last_notice")).isTrue();
            assertThat(login.get("last_notice").isBoolean()).isTrue();
            assertThat(login.get("last_notice").asBoolean()).isFalse();
            assertThat(client.session()).matches("[0-9a-f]{32}");
        }
    }

    @Test
    void aSecondAdminCannotSelfRegister() throws Exception {
        try (ClassicClient first = new ClassicClient(server.port())) {
            JsonNode reply = first.send(dic("type", "register", "name", "classic-admin",
                    "password", Passwords.md5Hex("123"), "user_type", "admin"));
            // The first admin from loopback succeeds (unless another test made one first).
            assertThat(reply.path("code").asText()).isIn("ok", "forbidden");
        }
        try (ClassicClient second = new ClassicClient(server.port())) {
            JsonNode reply = second.send(dic("type", "register", "name", "classic-admin-2",
                    "password", Passwords.md5Hex("123"), "user_type", "admin"));
            assertThat(reply.path("flag").asBoolean()).isFalse();
            assertThat(reply.path("code").asText()).isEqualTo("forbidden");
        }
    }

    @Test
    void classicAndV1ConnectionsAreServedSideBySide() throws Exception {
        try (ClassicClient classic = new ClassicClient(server.port());
             VidShareClient v1 = server.loggedIn("side-by-side", "user")) {
            JsonNode login = classic.send(dic("type", "login", "name", "side-by-side",
                    "password", Passwords.md5Hex(TestServer.PASSWORD), "user_type", "user"));
            assertThat(login.get("last_notice").isBoolean()).isTrue();
            var v1Login = v1.login("side-by-side", TestServer.PASSWORD);
            assertThat(v1Login.get("last_notice").isNull()).isTrue();
            assertThat(v1Login.msg()).isEqualTo("Logged in");
        }
    }
}
