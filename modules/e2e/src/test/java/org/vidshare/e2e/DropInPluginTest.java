package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

/**
 * Drop-in plugins: a jar copied into {@code <data-dir>/plugins} adds its command (features and a
 * working command over TCP) without being part of the assembled server; a jar that clashes with a
 * loaded command stops the start with a message naming the type and both origins.
 */
class DropInPluginTest {
    private static final String EXAMPLE_MODULE = "org.vidshare.plugin.servertime";

    @TempDir
    Path dir;

    @Test
    void theExampleIsNotPartOfTheAssembledServer() throws Exception {
        // Otherwise the tests below would prove nothing about the plugins directory.
        assertThat(ModuleLayer.boot().findModule(EXAMPLE_MODULE)).isEmpty();
        try (Stream<Path> lib = Files.list(Path.of(System.getProperty("vidshare.dist.lib")))) {
            assertThat(lib.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("server-time"));
        }
        try (Stream<Path> bundled = Files.list(TestServer.bundledPluginsDir())) {
            assertThat(bundled.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("server-time"));
        }
        TestServer plain = TestServer.startIn(dir.resolve("plain"), Map.of());
        try (VidShareClient client = plain.client()) {
            assertThat(Wire.featureTypes(client.hello("en"))).doesNotContain("server_time");
            assertThat(client.call(Map.of("type", "server_time")).code()).isEqualTo("unknown_type");
        } finally {
            plain.close();
        }
    }

    @Test
    void aJarDroppedIntoPluginsAddsItsCommand() throws Exception {
        Path dataDir = dir.resolve("data");
        Files.createDirectories(dataDir.resolve("plugins"));
        Files.copy(exampleJar(), dataDir.resolve("plugins").resolve("server-time.jar"));

        TestServer server = TestServer.startIn(dataDir, Map.of());
        try (VidShareClient client = server.raw()) {
            ClientReply hello = client.hello("en");
            JsonNode feature = hello.list("features").stream()
                    .filter(f -> f.get("type").asText().equals("server_time")).findFirst()
                    .orElseThrow(() -> new AssertionError("server_time not in " + hello));
            assertThat(feature.get("label").asText()).isEqualTo("Server time");
            assertThat(feature.get("role").asText()).isEqualTo("public");
            assertThat(feature.get("menu").asText()).isEqualTo("Help");
            try (VidShareClient chinese = server.raw()) {
                JsonNode zh = chinese.hello("zh-CN").list("features").stream()
                        .filter(f -> f.get("type").asText().equals("server_time")).findFirst().orElseThrow();
                // A drop-in's menu in the Chinese UI is its own Chinese path, not the English one.
                assertThat(zh.get("menu").asText()).isEqualTo("帮助");
                assertThat(zh.get("label").asText()).isEqualTo("服务器时间");
            }
            assertThat(feature.get("result").asText()).isEqualTo("record");
            assertThat(feature.get("fields").get(0).get("name").asText()).isEqualTo("zone");
            assertThat(feature.get("fields").get(0).get("required").asBoolean()).isFalse();

            ClientReply time = client.call(Map.of("type", "server_time"));
            assertThat(time.ok()).as(time.toString()).isTrue();
            assertThat(time.msg()).isEqualTo("Server time");
            long skew = Math.abs(OffsetDateTime.parse(time.string("time")).toInstant().toEpochMilli()
                    - System.currentTimeMillis());
            assertThat(skew).isLessThan(60_000);

            ClientReply tokyo = client.call(Map.of("type", "server_time", "zone", "Asia/Tokyo"));
            assertThat(tokyo.ok()).isTrue();
            assertThat(tokyo.string("zone")).isEqualTo("Asia/Tokyo");
            assertThat(tokyo.string("time")).endsWith("+09:00");

            ClientReply bad = client.call(Map.of("type", "server_time", "zone", "Mars/Olympus"));
            assertThat(bad.code()).isEqualTo("bad_request");
            assertThat(bad.msg()).contains("zone");

            // The drop-in sits beside the bundled commands, which still work.
            assertThat(TestServer.register(client, "dropin-alice", "user").ok()).isTrue();
            ClientReply login = client.login("dropin-alice", TestServer.PASSWORD);
            assertThat(Wire.featureTypes(login)).contains("server_time", "whoami");
        } finally {
            server.close();
        }
    }

    @Test
    void aDropInThatDuplicatesACommandTypeStopsTheStart() throws Exception {
        Path dataDir = dir.resolve("clash");
        Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
        Path jar = compileClashingPlugin(dir.resolve("clash-build"), plugins.resolve("fake-whoami.jar"));

        assertThatThrownBy(() -> TestServer.startIn(dataDir, Map.of()))
                .hasMessageContaining("command type 'whoami' is provided twice")
                .hasMessageContaining("org.vidshare.plugin.whoami")
                .hasMessageContaining(plugins.toString());

        // The operator's view: serve refuses to start and says why.
        ServerCli.Result result = ServerCli.run(List.of("serve", "--host", "127.0.0.1", "--port", "0",
                "--data-dir", dataDir.toString()), null);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("command type 'whoami' is provided twice");
        assertThat(result.stdout()).doesNotContain("listening");
        assertThat(jar).exists();
    }

    @Test
    void aDropInThatTakesAnOccupiedMenuPositionStopsTheStart() throws Exception {
        Path dataDir = dir.resolve("menu-clash");
        Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
        // whoami sits at Account/120; this drop-in asks for the same place.
        compilePlugin(dir.resolve("menu-clash-build"), plugins.resolve("account-peek.jar"), "org.example.peek",
                "AccountPeekHandler", """
                        return CommandSpec.builder("account_peek", Audience.PUBLIC).label("看看", "Peek")
                                .menu("账户", "Account", 120).build();
                        """);

        assertThatThrownBy(() -> TestServer.startIn(dataDir, Map.of()))
                .hasMessageContaining("commands 'whoami' (")
                .hasMessageContaining("and 'account_peek'")
                .hasMessageContaining("both take position 120 of menu 'Account'");
    }

    @Test
    void aDropInWhoseRowActionFillsAFieldItDoesNotHaveStopsTheStart() throws Exception {
        Path dataDir = dir.resolve("bad-view");
        Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
        compilePlugin(dir.resolve("bad-view-build"), plugins.resolve("user-poke.jar"), "org.example.poke",
                "UserPokeHandler", """
                        return CommandSpec.builder("user_poke", Audience.ADMIN).label("戳", "Poke")
                                .onRowsOf("list_users", "account", "id").build();
                        """);

        assertThatThrownBy(() -> TestServer.startIn(dataDir, Map.of()))
                .hasMessageContaining("has a bad spec")
                .hasMessageContaining("'user_poke' fills 'account' from a row of 'list_users' but has no such field");
    }

    @Test
    void theSameModuleTwiceInPluginsStopsTheStart() throws Exception {
        Path dataDir = dir.resolve("twice");
        Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
        Files.copy(exampleJar(), plugins.resolve("server-time-1.0.jar"));
        Files.copy(exampleJar(), plugins.resolve("server-time-copy.jar"));

        assertThatThrownBy(() -> TestServer.startIn(dataDir, Map.of()))
                .hasMessageContaining("cannot load plugin jars from " + plugins)
                .hasMessageContaining("module " + EXAMPLE_MODULE + " is in two jars")
                .hasMessageContaining("server-time-1.0.jar and server-time-copy.jar");
    }

    private static Path exampleJar() {
        Path jar = Path.of(System.getProperty("vidshare.example.plugin"));
        assertThat(jar).as("the example plugin's jar, built by the reactor before e2e").isRegularFile();
        return jar;
    }

    /**
     * A plugin module claiming {@code whoami}, which the bundled whoami plugin serves already:
     * compiled here against the packaged SPI, as a third party would build it.
     */
    private static Path compileClashingPlugin(Path work, Path jar) throws IOException {
        return compilePlugin(work, jar, "org.example.clash", "FakeWhoamiHandler", """
                return CommandSpec.builder("whoami", Audience.PUBLIC).label("假", "Fake").build();
                """);
    }

    /**
     * A one-handler plugin module (module and package {@code module}) whose {@code spec()} body is
     * {@code specBody}, compiled against the packaged SPI and jarred, as a third party would build it.
     */
    private static Path compilePlugin(Path work, Path jar, String module, String handlerClass, String specBody)
            throws IOException {
        return PluginJars.build(work, jar, List.of(), Map.of(
                "module-info.java", """
                module %1$s {
                    requires org.vidshare.core;
                    provides org.vidshare.core.spi.CommandHandler with %1$s.%2$s;
                }
                """.formatted(module, handlerClass),
                module.replace('.', '/') + "/" + handlerClass + ".java", """
                package %s;

                import org.vidshare.core.spi.*;

                public final class %s implements CommandHandler {
                    @Override
                    public CommandSpec spec() {
                %s
                    }

                    @Override
                    public Reply handle(Request request, CommandContext context) {
                        return Reply.ok("假", "Fake");
                    }
                }
                """.formatted(module, handlerClass, specBody.indent(8).stripTrailing())));
    }
}
