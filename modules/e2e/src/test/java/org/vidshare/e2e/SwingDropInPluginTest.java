package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.swing.model.Connection;
import org.vidshare.client.swing.model.Feature;
import org.vidshare.client.swing.model.FormModel;
import org.vidshare.client.swing.model.Lang;
import org.vidshare.client.swing.model.MenuModel;
import org.vidshare.client.swing.model.ResultModel;
import org.vidshare.client.swing.model.Texts;
import org.vidshare.client.ClientReply;

/**
 * Issue #6: a plugin jar dropped into the server's plugins directory becomes a menu entry of the
 * Swing client after it reconnects, with no client change. The client model connects to a server
 * without the example plugin, the server is stopped, the jar copied into {@code <data-dir>/plugins},
 * the server started again on the same port; the model's idle ping reconnects, and the new command
 * is in its menu and runs through the generic form and result models. Headless.
 */
class SwingDropInPluginTest {
    private static final String TYPE = "server_time";

    @TempDir
    Path dir;

    private TestServer server;
    private Connection connection;

    @AfterEach
    void stop() {
        if (connection != null) {
            connection.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aDroppedInJarBecomesAMenuEntryAfterTheClientReconnects() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path dataDir = dir.resolve("data");
        server = TestServer.startIn(dataDir, Map.of("server.port", String.valueOf(port)));
        connection = new Connection("127.0.0.1", port, Lang.EN, Runnable::run, 300);
        connection.setReadTimeoutMillis(10_000);
        assertThat(get(connection.connect()).ok()).isTrue();
        get(connection.register("nora", "pw-nora", "user"));
        assertThat(get(connection.login("nora", "pw-nora", "user")).ok()).isTrue();
        assertThat(connection.hasFeature(TYPE)).isFalse();
        assertThat(connection.menu().types()).contains("whoami").doesNotContain(TYPE);
        assertThat(connection.menu().tops()).doesNotContain("Help");

        // The operator's part: stop, drop the jar in, start again. Nothing on the client side changes.
        server.close();
        Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
        Files.copy(exampleJar(), plugins.resolve("server-time.jar"));
        server.restart();
        assertThat(server.port()).isEqualTo(port);

        // The idle ping finds the old connection gone, reconnects, says hello and signs in again.
        long deadline = System.currentTimeMillis() + 15_000;
        while (connection.reconnects() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(connection.reconnects()).isEqualTo(1);
        assertThat(connection.state()).isEqualTo(Connection.State.SIGNED_IN);

        MenuModel menu = connection.menu();
        MenuModel.Menu help = menu.menus().stream().filter(m -> m.path().equals("Help")).findFirst()
                .orElseThrow(() -> new AssertionError("no Help menu in " + menu.tops()));
        assertThat(help.entries()).extracting(Feature::type).containsExactly(TYPE);
        Feature serverTime = help.entries().get(0);
        assertThat(serverTime.label()).isEqualTo("Server time");
        assertThat(serverTime.result()).isEqualTo("record");
        assertThat(menu.types()).contains("whoami", "change_password", TYPE);

        // The generic path: a form from the feature's fields, the reply as a record.
        FormModel form = new FormModel(serverTime);
        assertThat(form.fields()).extracting(Feature.FieldSpec::name).containsExactly("zone");
        assertThat(form.problems(new Texts(Lang.EN))).isEmpty(); // the zone is optional
        form.set("zone", " Asia/Tokyo ");
        Map<String, Object> request = form.toRequest();
        assertThat(request).containsEntry("type", TYPE).containsEntry("zone", "Asia/Tokyo");
        ClientReply reply = get(connection.call(request));
        ResultModel result = ResultModel.of(serverTime.result(), reply, new Texts(Lang.EN));
        assertThat(result.ok()).as(reply.toString()).isTrue();
        assertThat(result.kind()).isEqualTo(ResultModel.Kind.RECORD);
        assertThat(result.rows()).contains(List.of("zone", "Asia/Tokyo"));
        String time = result.rows().stream().filter(r -> r.get(0).equals("time")).findFirst().orElseThrow().get(1);
        assertThat(time).endsWith("+09:00");
        assertThat(Math.abs(OffsetDateTime.parse(time).toInstant().toEpochMilli() - System.currentTimeMillis()))
                .isLessThan(60_000);

        // A bad zone comes back as the readable error the generic view shows.
        form.set("zone", "Mars/Olympus");
        ResultModel bad = ResultModel.of(serverTime.result(), get(connection.call(form.toRequest())), new Texts(Lang.EN));
        assertThat(bad.ok()).isFalse();
        assertThat(bad.kind()).isEqualTo(ResultModel.Kind.MESSAGE);
        assertThat(bad.message()).contains("zone");

        // Chinese labels come from the plugin too.
        get(connection.setLang(Lang.ZH));
        assertThat(connection.feature(TYPE).label()).isEqualTo("服务器时间");
    }

    private static Path exampleJar() {
        Path jar = Path.of(System.getProperty("vidshare.example.plugin"));
        assertThat(jar).as("the example plugin's jar, built by the reactor before e2e").isRegularFile();
        return jar;
    }
}
