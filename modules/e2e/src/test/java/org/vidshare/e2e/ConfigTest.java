package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;
import org.vidshare.server.config.ConfigException;
import org.vidshare.server.config.ConfigKey;
import org.vidshare.server.config.ServerConfig;

/**
 * Strict configuration, checked the way an operator meets it: {@code vidshare-server serve} as a
 * child JVM with a properties file ({@code --config}) and {@code --set} overrides. An unknown key or
 * a bad value stops the start with a message naming the key; a good file takes effect.
 */
class ConfigTest {
    @TempDir
    Path dir;

    @Test
    void anUnknownKeyInSetStopsTheStartNamingTheKey() throws Exception {
        ServerCli.Result result = serve("--set", "server.langauge=en");
        assertRefused(result, "unknown configuration key 'server.langauge'");
    }

    @Test
    void anUnknownKeyInTheFileStopsTheStartNamingTheKeyAndTheFile() throws Exception {
        Path file = write("vidshare.properties", "server.language=en\nlogin.max-failure=3\n");
        ServerCli.Result result = serve("--config", file.toString());
        assertRefused(result, "unknown configuration key 'login.max-failure'");
        assertThat(result.stderr()).contains(file.toString());
    }

    @Test
    void aBadValueNamesTheKeyAndTheReason() throws Exception {
        assertRefused(serve("--set", "server.port=70000"), "server.port: must be between 0 and 65535");
        assertRefused(serve("--set", "login.max-failures=many"), "login.max-failures: must be a whole number");

        Path file = write("bad-value.properties", "wallet.payment-provider=paypal\n");
        ServerCli.Result fromFile = serve("--config", file.toString());
        assertRefused(fromFile, "wallet.payment-provider: must be one of [demo, none]");
        assertThat(fromFile.stderr()).contains("'paypal'");

        assertRefused(serve("--set", "server.language"), "expected key=value, got 'server.language'");
        // An optional key is off when empty, and checked when set.
        assertRefused(serve("--set", "tls.port=banana"), "tls.port: must be a whole number");
    }

    /** A TLS implementation that is not there stops the start with the reason, before any port is open. */
    @Test
    void anUnknownTlsImplementationStopsTheStart() throws Exception {
        ServerCli.Result result = serve("--set", "tls.port=0", "--set", "tls.implementation=openssl3");
        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(result.stderr()).as(result.toString())
                .contains("TLS implementation openssl3 cannot be used here").contains("auto, jdk");
        assertThat(result.stdout()).doesNotContain("listening");
    }

    @Test
    void anUnreadableConfigFileStopsTheStart() throws Exception {
        Path missing = dir.resolve("no-such.properties");
        assertRefused(serve("--config", missing.toString()), "cannot read config file " + missing);
    }

    @Test
    void aGoodFileTakesEffectAndSetOverridesIt() throws Exception {
        Path file = write("good.properties", String.join("\n",
                "# an operator's file",
                "server.language = en",
                "wallet.initial-balance-cents=123",
                "password.pbkdf2-iterations=1000",
                ""));
        List<String> args = List.of("serve", "--host", "127.0.0.1", "--port", "0",
                "--data-dir", dir.resolve("data").toString(), "--config", file.toString(),
                "--set", "wallet.initial-balance-cents=456");
        try (ServerCli.Serving serving = ServerCli.serve(args);
             VidShareClient client = VidShareClient.connect("127.0.0.1", serving.port())) {
            client.setReadTimeout(30_000);
            // No lang in hello: the reply speaks server.language from the file.
            ClientReply hello = client.call(Map.of("type", "hello", "protocol", 1));
            assertThat(hello.ok()).as(hello.toString()).isTrue();
            assertThat(hello.msg()).isEqualTo("Hello");
            JsonNode register = hello.list("features").stream()
                    .filter(f -> f.get("type").asText().equals("register")).findFirst().orElseThrow();
            assertThat(register.get("label").asText()).isEqualTo("Register");
            assertThat(client.call(Map.of("type", "no_such_command")).msg()).isEqualTo("unknown request type no_such_command");

            assertThat(TestServer.register(client, "config-alice", "user").ok()).isTrue();
            ClientReply login = client.login("config-alice", TestServer.PASSWORD);
            assertThat(login.ok()).as(login.toString()).isTrue();
            assertThat(login.msg()).isEqualTo("Logged in");
            // The file said 123; --set comes after the file and wins.
            assertThat(login.number("balance_cents")).isEqualTo(456);
        }
    }

    @Test
    void everyDocumentedKeyIsKnownWithItsDocumentedDefault() throws Exception {
        // README.md "Configure": the key names are part of the contract.
        Map<String, String> documented = new LinkedHashMap<>();
        documented.put("server.host", "0.0.0.0");
        documented.put("server.port", "8087");
        documented.put("server.language", "zh-CN");
        documented.put("data.dir", "./data");
        documented.put("protocol.max-header-bytes", "65536");
        documented.put("protocol.header-timeout-seconds", "30");
        documented.put("server.max-connections", "20000");
        documented.put("download.max-concurrent", "1024");
        documented.put("download.resume-grace-minutes", "60");
        documented.put("server.idle-timeout-seconds", "300");
        documented.put("upload.max-bytes", "68719476736");
        documented.put("upload.partial-ttl-hours", "24");
        documented.put("upload.stall-timeout-seconds", "60");
        documented.put("download.free-wait-seconds", "30");
        documented.put("price.vip-cents", "3000");
        documented.put("price.movie-vip-cents", "500");
        documented.put("price.movie-regular-cents", "1000");
        documented.put("wallet.initial-balance-cents", "0");
        documented.put("wallet.max-recharge-cents", "100000");
        documented.put("wallet.payment-provider", "none");
        documented.put("password.pbkdf2-iterations", "600000");
        documented.put("password.hash-threads", "0");
        documented.put("password.hash-queue", "32");
        documented.put("password.max-concurrent-per-address", "2");
        documented.put("password.max-hashes-per-address-per-minute", "30");
        documented.put("login.max-failures", "5");
        documented.put("login.lock-minutes", "15");
        documented.put("login.max-failures-per-address", "20");
        documented.put("upload.max-concurrent-per-user", "2");
        documented.put("server.max-connections-per-address", "256");
        documented.put("server.max-busy-workers-per-address", "4");
        documented.put("tls.port", "");
        documented.put("tls.keystore", "");
        documented.put("tls.keystore-password", "");
        documented.put("tls.implementation", "auto");
        documented.put("db.user", "sa");
        documented.put("db.password", "");
        ServerConfig defaults = new ServerConfig();
        documented.forEach((key, value) -> assertThat(defaults.get(key)).as(key).isEqualTo(value));

        ServerConfig config = new ServerConfig().set("data.dir", dir.toString());
        assertThat(config.get("db.url")).isEqualTo("jdbc:h2:file:" + dir.resolve("db").resolve("vidshare"));
        assertThat(config.get("plugins.dir")).isEqualTo(dir.resolve("plugins").toString());
        // Each documented key is settable, from a file as from --set.
        StringBuilder properties = new StringBuilder();
        documented.forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
        properties.append("db.url=jdbc:h2:mem:x\nplugins.dir=/opt/vidshare/plugins\n");
        ServerConfig loaded = new ServerConfig().load(write("all.properties", properties.toString()));
        assertThat(loaded.get("db.url")).isEqualTo("jdbc:h2:mem:x");
        assertThat(loaded.get("plugins.dir")).isEqualTo("/opt/vidshare/plugins");
    }

    @Test
    void theEnvironmentSetsAnyKeyAndTheFileAndTheFlagsWinOverIt() throws Exception {
        Map<String, String> environment = Map.of(
                "VIDSHARE_WALLET_INITIAL_BALANCE_CENTS", "111",
                "VIDSHARE_DB_PASSWORD", " s3cret with spaces ",
                "VIDSHARE_SERVER_LANGUAGE", "en",
                "VIDSHARE_UPLOAD_MAX_CONCURRENT_PER_USER", "3",
                // Not a key (the launcher's own variable): ignored, not refused.
                "VIDSHARE_JAVA_OPTS", "-Xmx1g",
                "PATH", "/usr/bin");
        Path file = write("layers.properties", "server.language=zh-CN\nupload.max-concurrent-per-user=4\n");
        ServerConfig config = ServerConfig.layered(environment, file, List.of("upload.max-concurrent-per-user=5"));
        assertThat(config.get("wallet.initial-balance-cents")).as("from the environment only").isEqualTo("111");
        assertThat(config.get("db.password")).as("a secret, taken as given").isEqualTo(" s3cret with spaces ");
        assertThat(config.get("server.language")).as("the file over the environment").isEqualTo("zh-CN");
        assertThat(config.get("upload.max-concurrent-per-user")).as("--set over the file").isEqualTo("5");
        assertThat(config.get("db.user")).as("the default where nothing says otherwise").isEqualTo("sa");
    }

    @Test
    void everyKeyHasItsOwnEnvironmentVariableAndABadValueNamesIt() {
        assertThat(ConfigKey.DB_PASSWORD.environmentVariable()).isEqualTo("VIDSHARE_DB_PASSWORD");
        assertThat(ConfigKey.LOGIN_MAX_FAILURES_PER_ADDRESS.environmentVariable())
                .isEqualTo("VIDSHARE_LOGIN_MAX_FAILURES_PER_ADDRESS");
        assertThat(Stream.of(ConfigKey.values()).map(ConfigKey::environmentVariable).distinct().count())
                .as("distinct variable names").isEqualTo(ConfigKey.values().length);
        assertThatThrownBy(() -> ServerConfig.layered(Map.of("VIDSHARE_SERVER_PORT", "99999"), null, List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("environment variable VIDSHARE_SERVER_PORT")
                .hasMessageContaining("server.port: must be between 0 and 65535");
    }

    @Test
    void thePackagedServerReadsItsEnvironment() throws Exception {
        List<String> args = List.of("serve", "--host", "127.0.0.1", "--port", "0",
                "--data-dir", dir.resolve("data").toString(), "--set", "password.pbkdf2-iterations=1000");
        try (ServerCli.Serving serving = ServerCli.serve(List.of(), args,
                Map.of("VIDSHARE_WALLET_INITIAL_BALANCE_CENTS", "321", "VIDSHARE_SERVER_LANGUAGE", "en"));
             VidShareClient client = VidShareClient.connect("127.0.0.1", serving.port())) {
            client.setReadTimeout(30_000);
            ClientReply hello = client.call(Map.of("type", "hello", "protocol", 1));
            assertThat(hello.msg()).as("server.language from the environment").isEqualTo("Hello");
            assertThat(TestServer.register(client, "env-alice", "user").ok()).isTrue();
            ClientReply login = client.login("env-alice", TestServer.PASSWORD);
            assertThat(login.number("balance_cents")).as(login.toString()).isEqualTo(321);
        }
    }

    private ServerCli.Result serve(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("serve", "--host", "127.0.0.1", "--port", "0",
                "--data-dir", dir.resolve("data").toString()));
        args.addAll(List.of(extra));
        return ServerCli.run(args, null);
    }

    private static void assertRefused(ServerCli.Result result, String reason) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).as(result.toString()).contains(reason);
        assertThat(result.stdout()).doesNotContain("listening");
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }
}
