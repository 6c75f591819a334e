package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vidshare.client.swing.model.Connection;
import org.vidshare.client.swing.model.ErrorText;
import org.vidshare.client.swing.model.Feature;
import org.vidshare.client.swing.model.Lang;
import org.vidshare.client.swing.model.MenuModel;
import org.vidshare.client.swing.model.Texts;
import org.vidshare.client.ClientReply;
import org.vidshare.client.VidShareClient;

/**
 * The Swing client's connection model against a real server: hello, menus from the features,
 * sign-in and out, readable errors, the idle ping, and reconnect + sign-in again after a restart.
 * Headless (the e2e surefire run sets java.awt.headless=true): no window is involved.
 */
class SwingConnectionModelTest {
    private TestServer server;
    private Connection connection;
    private final Texts texts = new Texts(Lang.EN);

    @AfterEach
    void stop() {
        if (connection != null) {
            connection.close();
        }
        if (server != null) {
            server.closeAndDelete();
        }
    }

    private Connection connect(long pingMillis) throws Exception {
        connection = new Connection("127.0.0.1", server.port(), Lang.EN, Runnable::run, pingMillis);
        connection.setReadTimeoutMillis(10_000);
        ClientReply hello = get(connection.connect());
        assertThat(hello.ok()).isTrue();
        return connection;
    }

    private static <T> T get(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    @Test
    void publicMenuComesFromHelloAndTheAccountMenuFromLogin() throws Exception {
        server = TestServer.start();
        connect(60_000);
        assertThat(connection.state()).isEqualTo(Connection.State.CONNECTED);
        MenuModel publicMenu = connection.menu();
        assertThat(publicMenu.types()).containsSubsequence("register", "login").doesNotContain("ping", "whoami");
        assertThat(connection.features()).extracting(Feature::type).contains("ping");

        assertThat(get(connection.register("carol", "pw-carol", "user")).ok()).isTrue();
        ClientReply login = get(connection.login("carol", "pw-carol", "user"));
        assertThat(login.ok()).isTrue();
        assertThat(connection.state()).isEqualTo(Connection.State.SIGNED_IN);
        assertThat(connection.account().name()).isEqualTo("carol");
        assertThat(connection.account().admin()).isFalse();
        MenuModel userMenu = connection.menu();
        // The account plugins sit in "Account" at 100 (register) .. 130 (change_password).
        assertThat(userMenu.types()).containsSubsequence("whoami", "change_password");
        MenuModel.Menu account = userMenu.menus().stream().filter(m -> m.path().equals("Account")).findFirst().orElseThrow();
        assertThat(account.entries()).extracting(Feature::position).isSorted();
        assertThat(userMenu.types()).doesNotContain("logout", "ping");

        get(connection.logout());
        assertThat(connection.state()).isEqualTo(Connection.State.CONNECTED);
        assertThat(connection.account()).isNull();
        assertThat(connection.menu().types()).doesNotContain("whoami");
        ClientReply afterLogout = get(connection.call(Map.of("type", "whoami")));
        assertThat(afterLogout.code()).isEqualTo("not_logged_in");
    }

    @Test
    void failedLoginReadsAsTextFromCodeAndMessage() throws Exception {
        server = TestServer.start();
        connect(60_000);
        get(connection.register("dave", "right", "user"));
        ClientReply wrong = get(connection.login("dave", "wrong", "user"));
        assertThat(wrong.ok()).isFalse();
        assertThat(ErrorText.of(wrong, texts)).startsWith("Wrong name or password").contains(wrong.msg());
        assertThat(connection.state()).isEqualTo(Connection.State.CONNECTED);
        ClientReply wrongType = get(connection.login("dave", "right", "admin"));
        assertThat(ErrorText.of(wrongType, texts)).startsWith("Wrong account type");
        assertThat(ErrorText.of(wrongType, new Texts(Lang.ZH))).startsWith("账户类型不符");
    }

    @Test
    void switchingLanguageRelabelsTheFeatures() throws Exception {
        server = TestServer.start();
        connect(60_000);
        assertThat(connection.feature("register").label()).isEqualTo("Register");
        assertThat(connection.menu().tops()).contains("Account");
        List<String> englishOrder = connection.menu().types();
        get(connection.setLang(Lang.ZH));
        assertThat(connection.feature("register").label()).isEqualTo("注册");
        // The menu paths come from the specs in Chinese too; the entries keep their order.
        assertThat(connection.feature("register").menu()).isEqualTo("账户");
        assertThat(connection.menu().tops()).contains("账户").doesNotContain("Account");
        assertThat(connection.menu().types()).isEqualTo(englishOrder);
        ClientReply unknown = get(connection.call(Map.of("type", "no_such_command")));
        assertThat(unknown.msg()).contains("未知");
    }

    @Test
    void idlePingKeepsTheConnectionOpenPastTheServersIdleTimeout() throws Exception {
        server = TestServer.start(Map.of("server.idle-timeout-seconds", "2"));
        connect(500);
        get(connection.register("erin", "pw", "user"));
        assertThat(get(connection.login("erin", "pw", "user")).ok()).isTrue();
        try (VidShareClient silent = server.client()) {
            Thread.sleep(3_500);
            // Without pings the server does close an idle connection...
            assertThat(silent.isClosedByPeer(2_000)).isTrue();
        }
        // ...but the model's connection was kept alive: same connection, same session.
        assertThat(get(connection.call(Map.of("type", "whoami"))).ok()).isTrue();
        assertThat(connection.reconnects()).isZero();
    }

    @Test
    void afterAServerRestartTheNextRequestReconnectsAndSignsInAgain() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        server = TestServer.start(Map.of("server.port", String.valueOf(port)));
        connect(60_000);
        get(connection.register("frank", "pw-frank", "user"));
        assertThat(get(connection.login("frank", "pw-frank", "user")).ok()).isTrue();
        long userId = connection.account().userId();
        List<String> menuBefore = connection.menu().types();

        server.restart();

        // whoami only reads, so the model repeats it on the new connection.
        ClientReply whoami = get(connection.call(Map.of("type", "whoami")));
        assertThat(whoami.ok()).isTrue();
        assertThat(whoami.number("user_id")).isEqualTo(userId);
        assertThat(connection.state()).isEqualTo(Connection.State.SIGNED_IN);
        assertThat(connection.reconnects()).isEqualTo(1);
        assertThat(connection.menu().types()).isEqualTo(menuBefore);

        server.restart();

        // change_password writes: it is not repeated behind the person's back, the caller is told.
        Map<String, Object> change = Map.of("type", "change_password",
                "old_password", org.vidshare.core.hash.Passwords.md5Hex("pw-frank"),
                "new_password", org.vidshare.core.hash.Passwords.md5Hex("pw-new"));
        assertThatThrownBy(() -> get(connection.call(change)))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ErrorText.ConnectionLostException.class);
        assertThat(connection.state()).isEqualTo(Connection.State.SIGNED_IN);
        assertThat(ErrorText.of(new ExecutionException(new ErrorText.ConnectionLostException(new IOException())),
                texts, connection.address())).contains("try again");
        assertThat(get(connection.call(change)).ok()).isTrue();
    }

    @Test
    void idlePingNoticesARestartAndSignsInAgainWithoutARequest() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        server = TestServer.start(Map.of("server.port", String.valueOf(port)));
        connect(300);
        get(connection.register("gina", "pw", "user"));
        assertThat(get(connection.login("gina", "pw", "user")).ok()).isTrue();
        server.restart();
        long deadline = System.currentTimeMillis() + 15_000;
        while (connection.reconnects() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(connection.reconnects()).isEqualTo(1);
        assertThat(connection.state()).isEqualTo(Connection.State.SIGNED_IN);
    }

    @Test
    void anUnreachableServerIsAReadableError() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        connection = new Connection("127.0.0.1", port, Lang.EN, Runnable::run, 60_000);
        assertThatThrownBy(() -> get(connection.connect())).isInstanceOf(ExecutionException.class);
        try {
            get(connection.connect());
        } catch (ExecutionException e) {
            assertThat(ErrorText.of(e, texts, connection.address())).startsWith("Cannot reach the server 127.0.0.1:" + port);
        }
        assertThat(connection.state()).isEqualTo(Connection.State.DISCONNECTED);
    }

    @Test
    void whenAnAdminLocksTheAccountTheModelFallsBackToThePublicMenus() throws Exception {
        server = TestServer.start();
        connect(60_000);
        get(connection.register("paul", "pw", "user"));
        assertThat(get(connection.login("paul", "pw", "user")).ok()).isTrue();
        long userId = connection.account().userId();
        try (VidShareClient admin = server.loggedIn("root", "admin")) {
            assertThat(admin.call(Map.of("type", "lock_user", "user_id", userId)).ok()).isTrue();
        }
        ClientReply refused = get(connection.call(Map.of("type", "whoami")));
        assertThat(refused.code()).isEqualTo("not_logged_in");
        assertThat(connection.state()).isEqualTo(Connection.State.CONNECTED);
        assertThat(connection.account()).isNull();
        assertThat(connection.menu().types()).contains("login").doesNotContain("whoami");
        ClientReply again = get(connection.login("paul", "pw", "user"));
        assertThat(again.code()).isEqualTo("locked");
        assertThat(ErrorText.of(again, texts)).startsWith("Account locked");
    }
}
