package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidshare.client.ClientReply;
import org.vidshare.client.swing.model.Connection;
import org.vidshare.client.swing.model.Feature;
import org.vidshare.client.swing.model.FormModel;
import org.vidshare.client.swing.model.Lang;
import org.vidshare.client.swing.model.Texts;
import org.vidshare.client.swing.model.ViewModel;
import org.vidshare.client.swing.model.Views;

/**
 * Issue 17, views from specs, through the Swing client's models (headless, real server, real TCP):
 * the tabs, their columns and the actions on them come from the commands' specs. The example
 * drop-in {@code tasks} (a list command, a button of its view and a row action), never heard of by
 * the client, gets a tab with its declared columns and its row action filling the task id from the
 * selected row; the bundled views (users with lock/unlock/grant/reset on their rows) are built the
 * same way; and what may be repeated after a reconnect is the specs' word, not a client list.
 */
class SwingSpecViewsTest {
    private static final Texts EN = new Texts(Lang.EN);

    @TempDir
    Path dir;

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    private Connection signedIn(String name, String userType) throws Exception {
        Connection connection = new Connection("127.0.0.1", server.port(), Lang.EN, Runnable::run, 60_000);
        get(connection.connect());
        assertThat(get(connection.register(name, "pw-" + name, userType)).ok()).isTrue();
        assertThat(get(connection.login(name, "pw-" + name, userType)).ok()).isTrue();
        return connection;
    }

    @Test
    void aDroppedInListCommandGetsATabWithItsColumnsAndItsRowAction() throws Exception {
        Path dataDir = dir.resolve("data");
        Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
        Files.copy(tasksJar(), plugins.resolve("tasks.jar"));
        server = TestServer.startIn(dataDir, Map.of());

        try (Connection connection = signedIn("tasks-tina", "user")) {
            Views views = new Views(connection, EN, Runnable::run, Set.of("get_movie_list"));
            assertThat(views.tabs()).extracting(Views.Tab::type)
                    .contains("list_tasks", "wallet", "whoami", "check_notice", "check_download_record")
                    .doesNotContain("get_movie_list", "add_task", "finish_task", "buy_vip");

            Views.Tab tasks = views.tab("list_tasks");
            ViewModel view = tasks.view();
            assertThat(view.title()).isEqualTo("My tasks");
            assertThat(view.isList()).isTrue();
            assertThat(view.columns()).extracting(Feature.ColumnSpec::key).containsExactly("title", "create_time", "is_done");
            assertThat(view.columns()).extracting(Feature.ColumnSpec::kind).containsExactly("text", "date", "bool");
            assertThat(view.getColumnCount()).isEqualTo(3);
            assertThat(view.getColumnName(0)).isEqualTo("Task");
            assertThat(view.getColumnName(2)).isEqualTo("Done");
            // The button of the view first, then the action on its rows.
            assertThat(tasks.actions()).extracting(a -> a.command().type()).containsExactly("add_task", "finish_task");
            Views.Action add = tasks.actions().get(0);
            Views.Action finish = tasks.actions().get(1);
            assertThat(add.needsRow()).isFalse();
            assertThat(finish.needsRow()).isTrue();
            assertThat(finish.on().fromRow()).containsExactly(Map.entry("task_id", "id"));

            get(view.reload(connection, Runnable::run));
            assertThat(view.getRowCount()).isZero();
            assertThat(view.line("open_count")).isEqualTo("0");

            // The button: the generic form, then the view shows the new row (a change refreshes every view).
            FormModel form = new FormModel(add.command());
            form.set("title", "Watch the trailer");
            assertThat(get(views.run(add.command(), form.toRequest())).ok()).isTrue();
            assertThat(view.getRowCount()).isEqualTo(1);
            assertThat(view.getValueAt(0, 0)).isEqualTo("Watch the trailer");
            assertThat(view.getValueAt(0, 2)).isEqualTo("No");
            assertThat(view.line("open_count")).isEqualTo("1");

            // The row action: enabled with a row selected, its field filled from the row.
            assertThat(views.enabled(finish, -1)).isFalse();
            assertThat(views.enabled(finish, 0)).isTrue();
            Map<String, String> prefill = views.prefill(finish, view, 0);
            assertThat(prefill).containsOnlyKeys("task_id");
            assertThat(prefill.get("task_id")).isEqualTo(view.rowValue(0, "id"));
            Map<String, Object> request = Map.of("type", "finish_task", "task_id", Long.parseLong(prefill.get("task_id")));
            ClientReply finished = get(views.run(finish.command(), request));
            assertThat(finished.ok()).as(finished.toString()).isTrue();
            // finish_task is repeatable (nothing changes twice), and still its view is read again.
            assertThat(view.getValueAt(0, 2)).isEqualTo("Yes");
            assertThat(view.line("open_count")).isEqualTo("0");

            // Labels follow the connection's language, from the plugin's spec.
            get(connection.setLang(Lang.ZH));
            ViewModel chinese = views.update().stream().filter(t -> t.type().equals("list_tasks")).findFirst()
                    .orElseThrow().view();
            assertThat(chinese.title()).isEqualTo("我的任务");
            assertThat(chinese.getColumnName(0)).isEqualTo("任务");

            // What may be sent again after a reconnect comes from the specs.
            assertThat(connection.safeToRepeat("list_tasks")).isTrue();
            assertThat(connection.safeToRepeat("finish_task")).isTrue();
            assertThat(connection.safeToRepeat("add_task")).isFalse();
            assertThat(connection.safeToRepeat("wallet")).isTrue();
            assertThat(connection.safeToRepeat("buy_vip")).isFalse();
            assertThat(connection.safeToRepeat("ping")).isTrue();
            assertThat(connection.safeToRepeat("hello")).isTrue();
        }
    }

    @Test
    void theBundledViewsComeFromTheirSpecsTooUsersWithTheirRowActions() throws Exception {
        server = TestServer.startIn(dir.resolve("plain"), Map.of("wallet.payment-provider", "demo"));
        try (Connection admin = signedIn("views-root", "admin"); Connection user = signedIn("views-ursula", "user")) {
            Views views = new Views(admin, EN, Runnable::run, Set.of("get_movie_list"));
            assertThat(views.tabs()).extracting(Views.Tab::type).contains("list_users", "check_notice")
                    .doesNotContain("wallet");
            Views.Tab users = views.tab("list_users");
            assertThat(users.view().columns()).extracting(Feature.ColumnSpec::key)
                    .containsExactly("name", "user_type", "is_vip", "is_locked", "register_time", "balance_cents");
            assertThat(users.actions()).extracting(a -> a.command().type())
                    .containsExactly("lock_user", "unlock_user", "reset_password", "grant_credit");
            assertThat(users.actions()).allMatch(Views.Action::needsRow)
                    .allMatch(a -> a.on().fromRow().equals(Map.of("user_id", "id")));
            assertThat(views.tab("check_notice").actions()).extracting(a -> a.command().type())
                    .containsExactly("release_notice");

            get(users.view().reload(admin, Runnable::run));
            int row = rowNamed(users.view(), "views-ursula");
            assertThat(users.view().getValueAt(row, 3)).isEqualTo("No");
            Views.Action grant = users.actions().stream().filter(a -> a.command().type().equals("grant_credit")).findFirst().orElseThrow();
            FormModel form = new FormModel(grant.command());
            views.prefill(grant, users.view(), row).forEach(form::set);
            assertThat(grant.command().fields()).filteredOn(Feature.FieldSpec::money).extracting(Feature.FieldSpec::name)
                    .containsExactly("amount_cents");
            form.set("amount_cents", "12.50"); // typed as money, sent as cents
            assertThat(form.problems(EN)).isEmpty();
            assertThat(form.toRequest()).containsEntry("amount_cents", 1250L);
            assertThat(get(views.run(grant.command(), form.toRequest())).ok()).isTrue();
            row = rowNamed(users.view(), "views-ursula");
            assertThat(users.view().getValueAt(row, 5)).as("the list is read again after the grant").isEqualTo("12.50");

            Views.Action lock = users.actions().get(0);
            Map<String, Object> request = Map.of("type", "lock_user", "user_id", Long.parseLong(views.prefill(lock, users.view(), row).get("user_id")));
            assertThat(get(views.run(lock.command(), request)).ok()).isTrue();
            row = rowNamed(users.view(), "views-ursula");
            assertThat(users.view().getValueAt(row, 3)).isEqualTo("Yes");

            Views userViews = new Views(user, EN, Runnable::run, Set.of("get_movie_list"));
            assertThat(userViews.tab("wallet").actions()).extracting(a -> a.command().type())
                    .containsExactly("recharge", "buy_vip");
            assertThat(userViews.tab("whoami").view().isList()).isFalse();
        }
    }

    private static int rowNamed(ViewModel view, String name) {
        for (int row = 0; row < view.getRowCount(); row++) {
            if (name.equals(view.rowValue(row, "name"))) {
                return row;
            }
        }
        throw new AssertionError(name + " not in the view");
    }

    private static Path tasksJar() {
        Path jar = Path.of(System.getProperty("vidshare.example.tasks"));
        assertThat(jar).as("the tasks example's jar, built by the reactor before e2e").isRegularFile();
        return jar;
    }
}
