package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Rectangle;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;
import org.vidshare.client.swing.model.ClientPrefs;
import org.vidshare.client.swing.model.Connection;
import org.vidshare.client.swing.model.ErrorText;
import org.vidshare.client.swing.model.Formats;
import org.vidshare.client.swing.model.Lang;
import org.vidshare.client.swing.model.Message;
import org.vidshare.client.swing.model.MovieTableModel;
import org.vidshare.client.swing.model.NoticeList;
import org.vidshare.client.swing.model.ResultModel;
import org.vidshare.client.swing.model.SearchAsYouType;
import org.vidshare.client.swing.model.Texts;

/**
 * The client's polish, headless, against a real server: preferences that survive a new
 * ClientPrefs on the same (real, java.util.prefs) node, messages that re-render after a language
 * switch, error texts and ledger kinds in Chinese, search as you type, names instead of ids.
 */
@ServerSettings({"wallet.initial-balance-cents=10000", "download.free-wait-seconds=0", "wallet.payment-provider=demo"})
class SwingPolishModelTest extends OneServerPerClass {
    private static long bunny;
    private static long sintel;

    @BeforeAll
    static void movies() throws Exception {
        Path dir = Files.createTempDirectory("vidshare-polish");
        try (VidShareClient admin = server.loggedIn("polish-admin", "admin")) {
            bunny = MovieFiles.upload(admin, MovieFiles.random(dir, "a.mp4", 20_000, 1), "Big Buck Bunny.mp4", false);
            sintel = MovieFiles.upload(admin, MovieFiles.random(dir, "b.mp4", 20_000, 2), "Sintel.mp4", true);
            ClientReply notice = admin.call(Map.of("type", "release_notice", "title", "Maintenance tonight",
                    "content", "The server restarts at 23:00. Downloads resume by themselves afterwards."));
            assertThat(notice.ok()).as(notice.toString()).isTrue();
        }
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    private static Connection signedIn(String name, Lang lang) throws Exception {
        try (VidShareClient setup = server.client()) {
            TestServer.register(setup, name, "user");
        }
        Connection connection = new Connection("127.0.0.1", server.port(), lang, Runnable::run, 60_000);
        assertThat(get(connection.connect()).ok()).isTrue();
        assertThat(get(connection.login(name, TestServer.PASSWORD, "user")).ok()).isTrue();
        return connection;
    }

    @Test
    void preferencesSurviveANewClientPrefsOnTheSameNode() throws Exception {
        Preferences node = Preferences.userRoot().node("vidshare-test/" + UUID.randomUUID());
        try {
            ClientPrefs first = new ClientPrefs(node);
            assertThat(first.servers()).isEmpty();
            assertThat(first.windowBounds()).isEmpty();
            assertThat(first.dark()).isEmpty();
            assertThat(first.lang()).isEmpty();
            assertThat(first.downloadDir()).isEmpty();
            first.rememberServer(new ClientPrefs.Server("films.example", 8087));
            first.rememberServer(new ClientPrefs.Server("127.0.0.1", 9000));
            first.rememberServer(new ClientPrefs.Server("::1", 8087));
            first.rememberServer(new ClientPrefs.Server("films.example", 8087)); // used again: first, once
            first.setWindowBounds(new Rectangle(40, 30, 1024, 700));
            first.setDark(true);
            first.setLang(Lang.ZH);
            Path folder = Files.createTempDirectory("vidshare-downloads");
            first.setDownloadDir(folder);
            first.flush();

            ClientPrefs again = new ClientPrefs(Preferences.userRoot().node(node.absolutePath().substring(1)));
            assertThat(again.servers()).extracting(ClientPrefs.Server::toString)
                    .containsExactly("films.example:8087", "[::1]:8087", "127.0.0.1:9000");
            assertThat(again.windowBounds()).contains(new Rectangle(40, 30, 1024, 700));
            assertThat(again.dark()).contains(true);
            assertThat(again.lang()).contains(Lang.ZH);
            assertThat(again.downloadDir()).contains(folder.toAbsolutePath());

            for (int i = 0; i < ClientPrefs.MAX_SERVERS + 3; i++) {
                again.rememberServer(new ClientPrefs.Server("host" + i, 8000 + i));
            }
            assertThat(again.servers()).hasSize(ClientPrefs.MAX_SERVERS).first().hasToString("host12:8012");
            assertThat(ClientPrefs.parseServer("  films.example:8087 ")).contains(new ClientPrefs.Server("films.example", 8087));
            assertThat(ClientPrefs.parseServer("[::1]:8087")).contains(new ClientPrefs.Server("::1", 8087));
            for (String bad : new String[] {"", "films.example", ":8087", "films.example:", "films.example:0",
                "films.example:65536", "films example:1", "films.example:http"}) {
                assertThat(ClientPrefs.parseServer(bad)).as(bad).isEmpty();
            }
            Files.delete(folder);
        } finally {
            Preferences parent = node.parent();
            node.removeNode();
            if (parent.childrenNames().length == 0) {
                parent.removeNode(); // leaves the user's preferences as they were
            }
            parent.flush();
        }
    }

    @Test
    void aMessageMadeBeforeALanguageSwitchShowsTheNewLanguage() throws Exception {
        Texts texts = new Texts(Lang.EN);
        try (Connection connection = new Connection("127.0.0.1", server.port(), Lang.EN, Runnable::run, 60_000)) {
            get(connection.connect());
            ClientReply refused = get(connection.login("nobody-here", "wrong-password", "user"));
            assertThat(refused.code()).isEqualTo("bad_credentials");
            Message error = ErrorText.message(refused);
            Message state = Message.of("state.signed_in", "lily", Message.of("login.type.user"), connection.address());
            assertThat(error.render(texts)).startsWith("Wrong name or password");
            assertThat(state.render(texts)).isEqualTo("lily (User) on " + connection.address());

            texts.setLang(Lang.ZH);
            assertThat(error.render(texts)).startsWith("用户名或密码错误");
            assertThat(state.render(texts)).isEqualTo("lily（普通用户）@ " + connection.address());
            // A table made before the switch from the same reply: its words follow too.
            assertThat(ResultModel.of("message", refused, texts).message()).startsWith("用户名或密码错误");
        }
    }

    @Test
    void errorTextsAndLedgerKindsAreChineseInChinese() throws Exception {
        Texts zh = new Texts(Lang.ZH);
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        try (Connection nowhere = new Connection("127.0.0.1", closedPort, Lang.ZH, Runnable::run, 60_000)) {
            Throwable failure = nowhere.connect().handle((reply, f) -> f).get(30, TimeUnit.SECONDS);
            assertThat(failure).isNotNull();
            String text = ErrorText.of(failure, zh, nowhere.address());
            assertThat(text).contains("拒绝连接", "127.0.0.1:" + closedPort).doesNotContain("Connection refused", "refused");
        }

        try (Connection lily = signedIn("polish-lily", Lang.ZH)) {
            // An initial balance, a purchase and VIP: every kind the ledger has.
            Path target = Files.createTempFile("vidshare-polish", ".part");
            try (VidShareClient raw = server.loggedIn("polish-lily", "user")) {
                ClientReply bought = raw.download(Map.of("type", "download_movie", "movie_id", bunny, "offset", 0), target,
                        TransferListener.NONE);
                assertThat(bought.ok()).as(bought.toString()).isTrue();
            }
            Files.deleteIfExists(target);
            assertThat(get(lily.call(Map.of("type", "buy_vip"))).ok()).isTrue();
            ClientReply wallet = get(lily.call(Map.of("type", "wallet")));
            ResultModel ledger = ResultModel.of("table", wallet, zh);
            List<String> kinds = new ArrayList<>();
            for (int row = 0; row < ledger.rows().size(); row++) {
                kinds.add(Formats.cell("kind", ledger.cell(row, "kind"), zh));
            }
            assertThat(kinds).containsExactly("购买会员", "购买影片", "初始余额");
            assertThat(Formats.column("kind", zh)).isEqualTo("类别");

            // A refusal (already a VIP) in Chinese: the client's words for the code and the server's.
            ClientReply again = get(lily.call(Map.of("type", "buy_vip")));
            assertThat(again.ok()).isFalse();
            String refusal = ErrorText.of(again, zh);
            assertThat(refusal).doesNotContainPattern("[A-Za-z]{4,}");
        }
        assertThat(Formats.cell("user_type", "admin", zh)).isEqualTo("管理员");
        assertThat(Formats.cell("kind", "grant", zh)).isEqualTo("管理员赠送");
        assertThat(Formats.cell("kind", "recharge", new Texts(Lang.EN))).isEqualTo("Recharge");
    }

    @Test
    void searchAsYouTypeAsksOnceForTheTextStandingAndClearingShowsEverything() throws Exception {
        try (Connection connection = signedIn("polish-searcher", Lang.EN)) {
            MovieTableModel movies = new MovieTableModel(new Texts(Lang.EN));
            get(movies.reload(connection, Runnable::run));
            assertThat(movies.movies()).extracting(MovieTableModel.Movie::id).contains(bunny, sintel);
            int everything = movies.getRowCount();

            // A scheduler the test runs by hand: what is pending is what a timer would run later.
            List<Runnable> pending = new ArrayList<>();
            List<Boolean> cancelled = new ArrayList<>();
            SearchAsYouType.Scheduler byHand = (task, delay) -> {
                int index = pending.size();
                pending.add(task);
                cancelled.add(false);
                return () -> cancelled.set(index, true);
            };
            List<String> asked = new ArrayList<>();
            List<CompletableFuture<ClientReply>> reloads = new ArrayList<>();
            SearchAsYouType search = new SearchAsYouType(byHand, 300, "", query -> {
                asked.add(query);
                movies.setQuery(query);
                reloads.add(movies.reload(connection, Runnable::run));
            });
            for (String typed : new String[] {"B", "Bu", "Bun", "Bunny "}) {
                search.typed(typed);
            }
            assertThat(cancelled).containsExactly(true, true, true, false);
            pending.get(3).run();
            get(reloads.get(0));
            assertThat(asked).containsExactly("Bunny");
            assertThat(movies.movies()).extracting(MovieTableModel.Movie::name).containsExactly("Big Buck Bunny.mp4");

            search.typed("Bunny"); // the same text again: nothing to ask
            pending.get(4).run();
            assertThat(asked).containsExactly("Bunny");

            search.typed(""); // the box cleared
            pending.get(5).run();
            get(reloads.get(1));
            assertThat(asked).containsExactly("Bunny", "");
            assertThat(movies.request()).doesNotContainKey("query");
            assertThat(movies.getRowCount()).isEqualTo(everything);

            search.now("Sintel"); // Enter: at once
            get(reloads.get(2));
            assertThat(movies.movies()).extracting(MovieTableModel.Movie::id).containsExactly(sintel);
        }
    }

    @Test
    void recordsWalletUsersAndNoticesShowNamesNotIds() throws Exception {
        Texts texts = new Texts(Lang.EN);
        try (Connection mia = signedIn("polish-mia", Lang.EN)) {
            Path target = Files.createTempFile("vidshare-polish", ".part");
            try (VidShareClient raw = server.loggedIn("polish-mia", "user")) {
                assertThat(raw.download(Map.of("type", "download_movie", "movie_id", bunny, "offset", 0), target,
                        TransferListener.NONE).ok()).isTrue();
            }
            Files.deleteIfExists(target);

            ResultModel records = ResultModel.of("table", get(mia.call(Map.of("type", "check_download_record"))), texts);
            assertThat(records.columns()).contains("movie_id", "movie_name");
            assertThat(records.shownColumns()).contains("movie_name").doesNotContain("movie_id");
            assertThat(records.cell(0, "movie_name")).isEqualTo("Big Buck Bunny.mp4");

            ClientReply walletReply = get(mia.call(Map.of("type", "wallet")));
            JsonNode purchase = walletReply.list("ledger").get(0);
            assertThat(purchase.get("kind").asText()).isEqualTo("movie");
            assertThat(purchase.get("movie_id").asLong()).isEqualTo(bunny);
            assertThat(purchase.get("movie_name").asText()).isEqualTo("Big Buck Bunny.mp4");
            ResultModel wallet = ResultModel.of("table", walletReply, texts);
            assertThat(wallet.shownColumns()).contains("movie_name", "kind").doesNotContain("movie_id");

            List<NoticeList.Notice> notices = NoticeList.of(get(mia.call(Map.of("type", "check_notice"))));
            assertThat(notices).isNotEmpty();
            NoticeList.Notice newest = notices.get(0);
            assertThat(newest.heading(texts)).startsWith("Maintenance tonight  ·  ").matches(".*\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d");
            assertThat(newest.detail(texts)).startsWith("Maintenance tonight\nPublished ")
                    .endsWith("\n\nThe server restarts at 23:00. Downloads resume by themselves afterwards.");
        }
        try (Connection admin = new Connection("127.0.0.1", server.port(), Lang.EN, Runnable::run, 60_000)) {
            get(admin.connect());
            assertThat(get(admin.login("polish-admin", TestServer.PASSWORD, "admin")).ok()).isTrue();
            ResultModel users = ResultModel.of("table", get(admin.call(Map.of("type", "list_users"))), texts);
            // The id stays in the rows (lock, unlock and grant act on it) but not in sight.
            assertThat(users.columns()).contains("id", "name");
            assertThat(users.shownColumns()).contains("name").doesNotContain("id");
            int mia = -1;
            for (int row = 0; row < users.rows().size(); row++) {
                if (users.cell(row, "name").equals("polish-mia")) {
                    mia = row;
                }
            }
            assertThat(mia).isNotNegative();
            assertThat(Formats.cell("user_type", users.cell(mia, "user_type"), texts)).isEqualTo("User");
        }
    }
}
