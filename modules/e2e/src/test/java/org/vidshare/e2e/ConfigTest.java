package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.core.client.ClientReply;
import org.vidshare.core.client.VidShareClient;

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
