package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

class HelloTest extends OneServerPerClass {
    @Test
    void helloListsPublicFeaturesInTheAskedLanguage() throws Exception {
        try (VidShareClient client = server.raw()) {
            ClientReply reply = client.hello("en");
            assertThat(reply.ok()).isTrue();
            assertThat(reply.code()).isEqualTo("ok");
            assertThat(reply.number("protocol")).isEqualTo(1);
            assertThat(reply.string("server")).startsWith("vidshare/");
            List<String> types = Wire.featureTypes(reply.list("features"));
            assertThat(types).contains("register", "login", "ping").doesNotContain("hello", "whoami", "logout");
            JsonNode register = reply.list("features").stream()
                    .filter(f -> f.get("type").asText().equals("register")).findFirst().orElseThrow();
            assertThat(register.get("label").asText()).isEqualTo("Register");
            assertThat(register.get("role").asText()).isEqualTo("public");
            assertThat(register.get("menu").asText()).isEqualTo("Account");
            assertThat(register.get("fields").get(0).get("name").asText()).isEqualTo("name");
            assertThat(register.get("result").asText()).isEqualTo("message");
        }
    }

    @Test
    void helloInChineseAndUnknownLanguageFallsBackToServerDefault() throws Exception {
        try (VidShareClient client = server.raw()) {
            ClientReply zh = client.hello("zh-CN");
            JsonNode register = zh.list("features").stream()
                    .filter(f -> f.get("type").asText().equals("register")).findFirst().orElseThrow();
            assertThat(register.get("label").asText()).isEqualTo("注册");
            ClientReply unknown = client.hello("xx");
            assertThat(unknown.ok()).isTrue();
            assertThat(client.call(Map.of("type", "nope")).msg()).contains("未知");
        }
    }

    @Test
    void menuPathsComeInTheHellosLanguage() throws Exception {
        try (VidShareClient zhClient = server.raw(); VidShareClient enClient = server.raw()) {
            List<JsonNode> zh = zhClient.hello("zh-CN").list("features");
            List<JsonNode> en = enClient.hello("en").list("features");
            assertThat(menuOf(zh, "register")).isEqualTo("账户");
            assertThat(menuOf(en, "register")).isEqualTo("Account");
            assertThat(menuOf(zh, "login")).isEqualTo("账户");
            // No English path is left in the Chinese list, nor a Chinese one in the English list.
            assertThat(zh).filteredOn(f -> !f.get("menu").isNull()).extracting(f -> f.get("menu").asText())
                    .allMatch(path -> path.codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                            == Character.UnicodeScript.HAN));
            assertThat(en).filteredOn(f -> !f.get("menu").isNull()).extracting(f -> f.get("menu").asText())
                    .allMatch(path -> path.chars().allMatch(c -> c < 128));
            // The same features in the same order: only the texts change with the language.
            assertThat(Wire.featureTypes(zh)).isEqualTo(Wire.featureTypes(en));
        }
    }

    private static String menuOf(List<JsonNode> features, String type) {
        return features.stream().filter(f -> f.get("type").asText().equals(type)).findFirst().orElseThrow()
                .get("menu").asText();
    }

    @Test
    void wrongProtocolVersionIsBadRequestCarryingTheServersVersion() throws Exception {
        try (VidShareClient client = server.raw()) {
            ClientReply reply = client.call(Map.of("type", "hello", "protocol", 2));
            assertThat(reply.ok()).isFalse();
            assertThat(reply.code()).isEqualTo("bad_request");
            assertThat(reply.number("protocol")).isEqualTo(1);
        }
    }

    @Test
    void pingAnswersOk() throws Exception {
        try (VidShareClient client = server.client()) {
            ClientReply reply = client.call(Map.of("type", "ping"));
            assertThat(reply.ok()).isTrue();
            assertThat(reply.code()).isEqualTo("ok");
        }
    }

    @Test
    void unknownTypeKeepsTheConnection() throws Exception {
        try (VidShareClient client = server.client()) {
            ClientReply reply = client.call(Map.of("type", "no_such_command"));
            assertThat(reply.code()).isEqualTo("unknown_type");
            assertThat(reply.ok()).isFalse();
            assertThat(client.call(Map.of("type", "ping")).ok()).isTrue();
        }
    }
}
