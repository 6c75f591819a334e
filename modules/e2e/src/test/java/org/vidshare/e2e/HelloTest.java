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

    /**
     * Issue 17: what a client needs to place a command comes with its feature (additive keys): the
     * view of a reading command, the commands offered on views, whether a command may be repeated
     * after a reconnect, and buy_vip's price (the one it charges), question and when it is pointless.
     */
    @Test
    void featuresCarryViewsActionsRepeatabilityAndPrices() throws Exception {
        try (VidShareClient user = server.loggedIn("hello-viewer", "user")) {
            List<JsonNode> features = user.call(Map.of("type", "hello", "protocol", 1, "lang", "en")).list("features");
            JsonNode wallet = featureOf(features, "wallet");
            assertThat(wallet.get("repeatable").asBoolean()).isTrue();
            assertThat(wallet.get("result").asText()).isEqualTo("table");
            assertThat(wallet.get("view").get("list").asText()).isEqualTo("ledger");
            assertThat(wallet.get("view").get("columns")).extracting(c -> c.get("key").asText() + ":" + c.get("kind").asText())
                    .containsExactly("time:date", "kind:text", "amount_cents:money", "movie_name:text");
            assertThat(wallet.get("view").get("columns").get(2).get("label").asText()).isEqualTo("Amount");
            assertThat(wallet.get("view").get("summary").get(0).get("key").asText()).isEqualTo("balance_cents");
            JsonNode whoami = featureOf(features, "whoami");
            assertThat(whoami.get("view").has("list")).as("a record view").isFalse();
            assertThat(whoami.get("result").asText()).isEqualTo("record");

            JsonNode buyVip = featureOf(features, "buy_vip");
            assertThat(buyVip.get("repeatable").asBoolean()).isFalse();
            assertThat(buyVip.get("price_cents").asLong()).isEqualTo(3000);
            assertThat(buyVip.get("confirm").asText()).contains("{price}").contains("never expires");
            assertThat(buyVip.get("disabled_when").asText()).isEqualTo("is_vip");
            assertThat(buyVip.get("acts_on").get(0).get("list").asText()).isEqualTo("wallet");
            assertThat(buyVip.get("acts_on").get(0).get("from_row").size()).isZero();
            assertThat(buyVip.has("view")).isFalse();
            assertThat(featureOf(features, "ping").get("repeatable").asBoolean()).isTrue();
            assertThat(featureOf(features, "get_movie_list").get("view").get("columns"))
                    .extracting(c -> c.get("key").asText()).contains("price_cents", "is_owned");

            List<JsonNode> zh = user.call(Map.of("type", "hello", "protocol", 1, "lang", "zh-CN")).list("features");
            assertThat(featureOf(zh, "wallet").get("view").get("columns").get(2).get("label").asText()).isEqualTo("金额");
            assertThat(featureOf(zh, "buy_vip").get("confirm").asText()).contains("永久有效");
        }
        try (VidShareClient admin = Admins.loggedIn(server, Admins.FIRST)) {
            List<JsonNode> features = admin.call(Map.of("type", "hello", "protocol", 1, "lang", "en")).list("features");
            JsonNode lock = featureOf(features, "lock_user");
            assertThat(lock.get("acts_on").get(0).get("list").asText()).isEqualTo("list_users");
            assertThat(lock.get("acts_on").get(0).get("from_row").get("user_id").asText()).isEqualTo("id");
            JsonNode grant = featureOf(features, "grant_credit");
            assertThat(grant.get("fields")).filteredOn(f -> f.path("money").asBoolean())
                    .extracting(f -> f.get("name").asText()).containsExactly("amount_cents");
            assertThat(featureOf(features, "list_users").get("view").get("list").asText()).isEqualTo("user_list");
        }
    }

    private static JsonNode featureOf(List<JsonNode> features, String type) {
        return features.stream().filter(f -> f.get("type").asText().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError(type + " not in features"));
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
