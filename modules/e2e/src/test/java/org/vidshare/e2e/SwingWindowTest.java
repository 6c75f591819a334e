package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Component;
import java.awt.Container;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import javax.swing.AbstractButton;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vidshare.client.swing.model.Connection;
import org.vidshare.client.swing.model.Lang;
import org.vidshare.client.swing.model.Transfer;
import org.vidshare.client.swing.ui.ClientWindow;
import org.vidshare.client.ClientReply;
import org.vidshare.client.TransferListener;
import org.vidshare.client.VidShareClient;
import org.vidshare.core.hash.Fingerprint;

/**
 * The real Swing window against a real server, on a real (virtual) display: sign in through the
 * login dialog, the menus the server's features make, a generic form, the movie list and one
 * download to completion when the movie commands are loaded, an upload seen mid-way (through a
 * throttled relay), and after a server restart the menu entry of a plugin jar dropped in
 * meanwhile. Screenshots go to {@code target/screenshots}. Needs a display: skipped when there is none (run it under Xvfb,
 * e.g. {@code Xvfb :99 -screen 0 1280x1024x24 & DISPLAY=:99 mvn ...}).
 */
class SwingWindowTest {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static TestServer server;
    private static Path downloads;

    private static boolean hasDisplay() {
        return System.getenv("DISPLAY") != null && !GraphicsEnvironment.isHeadless();
    }

    @BeforeAll
    static void start() throws Exception {
        if (!hasDisplay()) {
            return;
        }
        server = TestServer.start(Map.of("download.free-wait-seconds", "3", "wallet.payment-provider", "demo"));
        downloads = Files.createTempDirectory("vidshare-downloads");
        Files.createDirectories(SHOTS);
        SwingUtilities.invokeAndWait(() -> ClientWindow.applyTheme(false));
    }

    @org.junit.jupiter.api.BeforeEach
    void needsADisplay() throws IOException {
        assumeTrue(hasDisplay(), "no display: the window test runs under Xvfb (see the class comment)");
        // Each test's window keeps its transfer queue apart (never in ~/.vidshare), so no test is
        // asked to resume another one's transfers.
        System.setProperty("vidshare.client.state-dir", Files.createTempDirectory("vidshare-state").toString());
    }

    @AfterAll
    static void stop() {
        for (Window window : Window.getWindows()) {
            SwingUtilities.invokeLater(window::dispose);
        }
        if (server != null) {
            server.closeAndDelete();
        }
    }

    @Test
    // A bound for a hang, not for speed: the walk-through shoots 20-odd screens, and on a loaded
    // machine each screen's settle (Robot.waitForIdle) can take seconds.
    @org.junit.jupiter.api.Timeout(360)
    void signInMenusGenericFormMoviesAndADownload() throws Exception {
        try (VidShareClient setup = server.client()) {
            ClientReply lily = TestServer.register(setup, "lily", "user");
            assertThat(lily.ok() || "conflict".equals(lily.code())).as(lily.toString()).isTrue();
        }
        Path movie = null;
        long movieId = 0;
        boolean movieCommands;
        try (VidShareClient admin = server.loggedIn("boss", "admin")) {
            List<String> adminTypes = admin.hello("en").list("features").stream().map(f -> f.get("type").asText()).toList();
            movieCommands = adminTypes.containsAll(List.of("upload_movie", "get_movie_list", "download_movie"));
            if (movieCommands) {
                movie = Files.createTempFile("sample-", ".mp4");
                byte[] bytes = new byte[3 * 1024 * 1024 + 17];
                new Random(7).nextBytes(bytes);
                Files.write(movie, bytes);
                ClientReply uploaded = admin.upload(Map.of("type", "upload_movie", "file_name", "Big Buck Bunny.mp4",
                        "file_size", bytes.length, "file_md5", Fingerprint.of(movie), "is_free", 1, "offset", 0),
                        movie, TransferListener.NONE);
                assertThat(uploaded.ok()).as(uploaded.toString()).isTrue();
                movieId = uploaded.number("movie_id");
            }
        }

        AtomicReference<ClientWindow> windowRef = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> windowRef.set(ClientWindow.open("127.0.0.1", server.port(), Lang.EN, downloads)));
        ClientWindow window = windowRef.get();
        Window login = waitForWindow("login.dialog");
        edt(() -> {
            ((JTextField) find(login, "login.name")).setText("lily");
            ((JTextField) find(login, "login.password")).setText(TestServer.PASSWORD);
            return null;
        });
        shoot(login, "01-login");

        click(() -> (AbstractButton) find(login, "login.signin"));
        waitUntil(() -> window.connection().state() == Connection.State.SIGNED_IN && !login.isShowing(), 15_000);
        settle();

        List<String> menus = edt(() -> {
            List<String> names = new ArrayList<>();
            JMenuBar bar = window.getJMenuBar();
            for (int i = 0; i < bar.getMenuCount(); i++) {
                names.add(bar.getMenu(i).getName());
            }
            return names;
        });
        assertThat(menus).contains("menu.client", "menu.Account");
        List<String> accountItems = edt(() -> itemNames((JMenu) find(window.getJMenuBar(), "menu.Account")));
        assertThat(accountItems).contains("menu.feature.whoami", "menu.feature.change_password")
                .doesNotContain("menu.feature.ping", "menu.feature.logout");
        assertThat(edt(() -> ((javax.swing.JLabel) find(window, "main.status")).getText())).contains("lily");
        shoot(window, "02-main-window");

        // The Account menu open, as a person sees it.
        click(() -> (AbstractButton) find(window.getJMenuBar(), "menu.Account"));
        settle();
        shoot(window, "03-account-menu");
        edt(() -> {
            javax.swing.MenuSelectionManager.defaultManager().clearSelectedPath();
            return null;
        });

        // whoami declares a record view: its menu entry opens its tab, built from the spec alone.
        click(() -> (AbstractButton) findMenuItem(window.getJMenuBar(), "menu.feature.whoami"));
        waitFor(() -> "lily".equals(labelText(window, "view.whoami.line.name")), 10_000);
        assertThat(labelText(window, "view.whoami.line.is_vip")).isEqualTo("No");
        assertThat(labelText(window, "view.whoami.line.balance_cents")).isEqualTo("0.00");
        settle();
        shoot(window, "04-account-view");

        // change_password has fields: the generic form.
        click(() -> (AbstractButton) findMenuItem(window.getJMenuBar(), "menu.feature.change_password"));
        Window form = waitForWindow("form.change_password");
        shoot(form, "05-generic-form");
        edt(() -> {
            form.dispose();
            return null;
        });

        if (movieCommands) {
            long id = movieId;
            edt(() -> {
                window.selectTab("movies");
                return null;
            });
            waitUntil(() -> window.movies().getRowCount() > 0, 10_000);
            JTable table = edt(() -> (JTable) find(window, "movies.table"));
            assertThat(edt(() -> cellTexts(table))).anyMatch(c -> c.contains("Big Buck Bunny.mp4"));
            settle();
            shoot(window, "06-movies");
            edt(() -> {
                window.selectMovie(id);
                return null;
            });
            click(() -> (AbstractButton) find(window, "movies.download"));
            waitUntil(() -> !window.transfers().transfers().isEmpty(), 5_000);
            Transfer transfer = window.transfers().transfers().get(0);
            waitUntil(() -> transfer.state() == Transfer.State.WAITING || transfer.state().finished(), 10_000);
            Thread.sleep(600);
            shoot(window, "07-download-countdown");
            transfer.finished().get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(transfer.state()).as(transfer.error()).isEqualTo(Transfer.State.DONE);
            assertThat(transfer.history()).contains(Transfer.State.WAITING, Transfer.State.RUNNING);
            assertThat(Files.readAllBytes(downloads.resolve("Big Buck Bunny.mp4"))).isEqualTo(Files.readAllBytes(movie));
            settle();
            shoot(window, "08-download-done");
        }

        if (window.connection().hasFeature("recharge") && window.connection().hasFeature("buy_vip")) {
            // Wallet: recharge 50.00 through the generic form (a money field), then buy VIP after a
            // confirmation that states the price; every money view follows, and Buy VIP is off.
            edt(() -> {
                window.selectTab("wallet");
                return null;
            });
            click(() -> (AbstractButton) find(window, "view.wallet.recharge"));
            Window rechargeForm = waitForWindow("form.recharge");
            edt(() -> {
                ((JTextField) find(rechargeForm, "form.field.amount_cents")).setText("50.00");
                return null;
            });
            click(() -> (AbstractButton) find(rechargeForm, "form.ok"));
            Window recharged = waitForWindow("result.dialog.recharge");
            edt(() -> {
                recharged.dispose();
                return null;
            });
            waitUntil(() -> window.connection().account().balanceCents() == 5000, 10_000);
            waitFor(() -> "50.00".equals(labelText(window, "view.wallet.line.balance_cents")), 10_000);
            click(() -> (AbstractButton) find(window, "view.wallet.buy_vip"));
            Window question = waitForOptionPane();
            assertThat(edt(() -> optionPaneText(question))).contains("30.00", "never expires");
            shoot(question, "19-buy-vip-price");
            pressOk(question);
            Window bought = waitForWindow("result.dialog.buy_vip");
            edt(() -> {
                bought.dispose();
                return null;
            });
            waitUntil(() -> window.connection().account().vip(), 10_000);
            assertThat(window.connection().account().balanceCents()).isEqualTo(2000);
            JTable ledger = edt(() -> (JTable) find(window, "view.wallet.table"));
            waitUntil(() -> ledger.getRowCount() == 2, 10_000);
            waitFor(() -> "20.00".equals(labelText(window, "view.wallet.line.balance_cents")), 10_000);
            waitFor(() -> "20.00".equals(labelText(window, "view.whoami.line.balance_cents")), 10_000);
            waitFor(() -> !edt(() -> find(window, "view.wallet.buy_vip").isEnabled()), 10_000);
            settle();
            assertThat(edt(() -> ((javax.swing.JLabel) find(window, "main.account")).getText())).contains("20.00", "VIP");
            shoot(window, "15-wallet-vip");
        }

        // Chinese and the dark theme: the menus come back in the server's Chinese labels and paths.
        click(() -> (AbstractButton) findMenuItem(window.getJMenuBar(), "menu.language.zh-CN"));
        waitUntil(() -> {
            try {
                // The menu's own name is the spec's Chinese path now, as its entries are.
                return edt(() -> itemTexts((JMenu) find(window.getJMenuBar(), "menu.账户"))).contains("修改密码");
            } catch (Exception e) {
                return false;
            }
        }, 10_000);
        edt(() -> {
            ClientWindow.applyTheme(true);
            window.selectTab(movieCommands ? "movies" : "transfers");
            return null;
        });
        settle();
        shoot(window, "09-dark-chinese");
        // Every view of this user in the dark theme and in Chinese, for the README beside the light English ones.
        for (String tab : List.of("wallet", "whoami", "check_download_record", "check_notice", "transfers")) {
            boolean shown = edt(() -> {
                window.selectTab(tab);
                return tab.equals(window.selectedTab());
            });
            if (shown) {
                shoot(window, "09-dark-chinese-" + tab); // shoot settles first
            }
        }
        edt(() -> {
            ClientWindow.applyTheme(false);
            window.dispose();
            return null;
        });
    }

    @Test
    @org.junit.jupiter.api.Timeout(180)
    void adminUploadsPublishesANoticeSeesUsersAndDeletesWithConfirmation() throws Exception {
        try (VidShareClient setup = server.client()) {
            TestServer.register(setup, "boss", "admin");
            TestServer.register(setup, "lily", "user");
        }
        AtomicReference<ClientWindow> windowRef = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> windowRef.set(ClientWindow.open("127.0.0.1", server.port(), Lang.EN, downloads)));
        ClientWindow window = windowRef.get();
        Window login = waitForWindow("login.dialog");
        edt(() -> {
            ((JTextField) find(login, "login.name")).setText("boss");
            ((JTextField) find(login, "login.password")).setText(TestServer.PASSWORD);
            ((javax.swing.JComboBox<?>) find(login, "login.type")).setSelectedIndex(1);
            return null;
        });
        click(() -> (AbstractButton) find(login, "login.signin"));
        waitUntil(() -> window.connection().state() == Connection.State.SIGNED_IN && !login.isShowing(), 15_000);
        assertThat(window.connection().account().admin()).isTrue();
        settle();
        assertThat(edt(() -> itemNames((JMenu) find(window.getJMenuBar(), "menu.Users"))))
                .containsSubsequence("menu.feature.list_users", "menu.feature.lock_user", "menu.feature.grant_credit");
        assumeTrue(window.connection().hasFeature("upload_movie") && window.connection().hasFeature("delete_movie"),
                "movie commands not loaded");

        // Upload (the file chooser is the only part skipped): check_movie, then the bytes, as a transfer.
        Path file = Files.createTempDirectory("vidshare-upload").resolve("Spring (open movie).mp4");
        byte[] bytes = new byte[700_000];
        new Random(11).nextBytes(bytes);
        Files.write(file, bytes);
        Transfer upload = edt(() -> window.startUpload(file, true));
        upload.finished().get(60, java.util.concurrent.TimeUnit.SECONDS);
        Files.delete(file);
        Files.delete(file.getParent());
        assertThat(upload.state()).as(upload.error()).isEqualTo(Transfer.State.DONE);
        long movieId = upload.resultMovieId();
        waitUntil(() -> window.movies().movies().stream().anyMatch(m -> m.id() == movieId), 10_000);
        settle();
        shoot(window, "10-admin-upload-done");
        edt(() -> {
            window.selectTab("movies");
            return null;
        });
        settle();
        shoot(window, "11-admin-movies");

        // Users.
        edt(() -> {
            window.selectTab("list_users");
            return null;
        });
        JTable users = edt(() -> (JTable) find(window, "view.list_users.table"));
        waitUntil(() -> users.getRowCount() >= 2, 10_000);
        assertThat(edt(() -> cellTexts(users))).contains("boss", "lily");
        // The row actions come from the commands' specs; they need a selected row.
        assertThat(edt(() -> find(window, "view.list_users.lock_user").isEnabled())).isFalse();
        edt(() -> {
            users.setRowSelectionInterval(0, 0);
            return null;
        });
        assertThat(edt(() -> find(window, "view.list_users.grant_credit").isEnabled())).isTrue();
        settle();
        shoot(window, "12-admin-users");

        // Publish a notice through the generic form (content is a text area: its max is long).
        edt(() -> {
            window.selectTab("check_notice");
            return null;
        });
        click(() -> (AbstractButton) find(window, "view.check_notice.release_notice"));
        Window form = waitForWindow("form.release_notice");
        edt(() -> {
            ((JTextField) find(form, "form.field.title")).setText("Maintenance tonight");
            ((javax.swing.text.JTextComponent) find(form, "form.field.content")).setText("The server restarts at 23:00.");
            return null;
        });
        shoot(form, "13-admin-publish-form");
        click(() -> (AbstractButton) find(form, "form.ok"));
        Window published = waitForOptionPane();
        edt(() -> {
            published.dispose();
            return null;
        });
        // The notices view: title and date in the table, the selected notice's whole text wrapped beside it.
        JTable notices = edt(() -> (JTable) find(window, "view.check_notice.table"));
        waitUntil(() -> {
            try {
                return edt(() -> notices.getRowCount() > 0
                        && ((javax.swing.text.JTextComponent) find(window, "view.check_notice.body")).getText()
                        .equals("The server restarts at 23:00."));
            } catch (Exception e) {
                return false;
            }
        }, 10_000);
        assertThat(edt(() -> cellTexts(notices))).contains("Maintenance tonight");
        settle();
        shoot(window, "13b-admin-notices");

        // Delete asks first; OK deletes, and the list no longer has the movie.
        edt(() -> {
            window.selectTab("movies");
            window.selectMovie(movieId);
            return null;
        });
        click(() -> (AbstractButton) find(window, "movies.delete"));
        Window confirm = waitForOptionPane();
        shoot(confirm, "14-admin-delete-confirm");
        pressOk(confirm);
        waitUntil(() -> window.movies().movies().stream().noneMatch(m -> m.id() == movieId), 10_000);
        edt(() -> {
            window.dispose();
            return null;
        });
    }

    @Test
    @org.junit.jupiter.api.Timeout(180)
    void anUploadInProgressShowsItsProgressBytesRateAndTimeLeft() throws Exception {
        try (VidShareClient setup = server.client()) {
            TestServer.register(setup, "boss", "admin");
        }
        // The window talks to the server through a 24 MiB/s link: a 96 MiB upload then runs for
        // about four seconds, long enough to see it mid-way (on bare loopback it is over at once).
        long size = 96L << 20;
        Path dir = Files.createTempDirectory("vidshare-upload");
        Path file = dir.resolve("Tears of Steel (1080p).mp4");
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(size); // sparse: no 96 MiB written to the disk here
            byte[] head = new byte[4096];
            new Random(13).nextBytes(head);
            sparse.write(head); // a fingerprint no other test's file has
        }
        try (ThrottledRelay relay = new ThrottledRelay(server.port(), 24L << 20)) {
            AtomicReference<ClientWindow> windowRef = new AtomicReference<>();
            SwingUtilities.invokeAndWait(() -> windowRef.set(ClientWindow.open("127.0.0.1", relay.port(), Lang.EN, downloads)));
            ClientWindow window = windowRef.get();
            Window login = waitForWindow("login.dialog");
            edt(() -> {
                ((JTextField) find(login, "login.name")).setText("boss");
                ((JTextField) find(login, "login.password")).setText(TestServer.PASSWORD);
                ((javax.swing.JComboBox<?>) find(login, "login.type")).setSelectedIndex(1);
                return null;
            });
            click(() -> (AbstractButton) find(login, "login.signin"));
            waitUntil(() -> window.connection().state() == Connection.State.SIGNED_IN && !login.isShowing(), 15_000);
            assumeTrue(window.connection().hasFeature("upload_movie"), "movie commands not loaded");

            Transfer upload = edt(() -> window.startUpload(file, false));
            waitUntil(() -> upload.state().finished()
                    || upload.state() == Transfer.State.RUNNING && upload.fraction() >= 0.4, 30_000);
            // Held still while the screen is captured (the capture waits for the display to settle):
            // the picture and the row read below are then the same moment, and the upload still runs.
            relay.hold();
            assertThat(upload.state()).as(upload.error()).isEqualTo(Transfer.State.RUNNING);
            JTable table = edt(() -> (JTable) find(window, "transfers.table"));
            shoot(window, "10-upload-progress");
            List<String> row = edt(() -> {
                List<String> cells = new ArrayList<>();
                for (int col = 0; col < table.getColumnCount(); col++) {
                    cells.add(String.valueOf(table.getValueAt(0, col)));
                }
                return cells;
            });
            assertThat(row.get(0)).isEqualTo("Tears of Steel (1080p).mp4");
            assertThat(row.get(1)).isEqualTo("Upload");
            assertThat(Double.parseDouble(row.get(3))).isBetween(0.4, 1.0);
            assertThat(row.get(4)).endsWith(" / 96 MiB");
            assertThat(row.get(5)).matches(".*\\d.*/s");
            assertThat(row.get(6)).matches(".*\\d.*");
            relay.release();

            upload.finished().get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(upload.state()).as(upload.error()).isEqualTo(Transfer.State.DONE);
            assertThat(upload.bytesDone()).isEqualTo(size);
            // Out of the catalogue again, so the other tests' movie lists stay as they were.
            try (VidShareClient admin = server.loggedIn("boss", "admin")) {
                ClientReply deleted = admin.call(Map.of("type", "delete_movie", "delete_movie_id", upload.resultMovieId()));
                assertThat(deleted.ok()).as(deleted.toString()).isTrue();
            }
            edt(() -> {
                window.dispose();
                return null;
            });
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void aMinimumSizeEscClosesDialogsAndTheThemeReachesTheProgressBars() throws Exception {
        AtomicReference<ClientWindow> windowRef = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> windowRef.set(ClientWindow.open("127.0.0.1", server.port(), Lang.EN, downloads)));
        ClientWindow window = windowRef.get();
        try {
            // Esc closes the sign-in dialog (the key as the window's bindings get it, whatever has the focus).
            Window login = waitForWindow("login.dialog");
            pressEscape(login);
            waitUntil(() -> !login.isShowing(), 10_000);

            // The window cannot be made smaller than its minimum, and its table stays in sight.
            edt(() -> {
                window.setSize(320, 220);
                window.validate();
                return null;
            });
            settle();
            java.awt.Dimension size = edt(window::getSize);
            assertThat(size.width).isGreaterThanOrEqualTo(ClientWindow.MINIMUM_SIZE.width);
            assertThat(size.height).isGreaterThanOrEqualTo(ClientWindow.MINIMUM_SIZE.height);
            edt(() -> {
                window.selectTab("transfers");
                return null;
            });
            settle();
            JTable transfersTable = edt(() -> (JTable) find(window, "transfers.table"));
            assertThat(edt(() -> transfersTable.isShowing() && transfersTable.getParent().getHeight() >= 100)).isTrue();
            shoot(window, "18-minimum-size");

            // Preferences from the client menu; Esc closes it too.
            click(() -> (AbstractButton) findMenuItem(window.getJMenuBar(), "menu.preferences"));
            Window prefs = waitForWindow("prefs.dialog");
            assertThat(edt(() -> ((JTextField) find(prefs, "prefs.downloads")).getText())).isEqualTo(downloads.toString());
            shoot(prefs, "19-preferences");
            pressEscape(prefs);
            waitUntil(() -> !prefs.isShowing(), 10_000);

            // Help/About names the server and the protocol, as plain text.
            click(() -> (AbstractButton) findMenuItem(window.getJMenuBar(), "menu.about"));
            Window about = waitForWindow("about.dialog");
            assertThat(edt(() -> ((javax.swing.text.JTextComponent) find(about, "about.text")).getText()))
                    .contains("vidshare-swing/", "Protocol version: 1", "F5");
            shoot(about, "20-about");
            pressEscape(about);
            waitUntil(() -> !about.isShowing(), 10_000);

            // The dark theme reaches the transfer table's progress bars (a renderer, outside the component tree).
            javax.swing.JProgressBar bar = edt(() -> (javax.swing.JProgressBar) transfersTable.getDefaultRenderer(Double.class));
            java.awt.Color light = edt(bar::getBackground);
            edt(() -> {
                window.setTheme(true);
                return null;
            });
            settle();
            assertThat(edt(() -> javax.swing.UIManager.getLookAndFeel().getClass().getSimpleName())).isEqualTo("FlatDarkLaf");
            assertThat(edt(bar::getBackground)).isNotEqualTo(light)
                    .isEqualTo(edt(() -> javax.swing.UIManager.getColor("ProgressBar.background")));
            assertThat(edt(() -> ((javax.swing.JCheckBoxMenuItem) findMenuItem(window.getJMenuBar(), "menu.theme.dark")).isSelected()))
                    .isTrue();
            assertThat(window.prefs().dark()).contains(true);
            edt(() -> {
                window.setTheme(false);
                return null;
            });
            assertThat(edt(bar::getBackground)).isEqualTo(light);
        } finally {
            edt(() -> {
                window.dispose();
                return null;
            });
        }
    }

    /** Esc in {@code dialog}, through its key bindings (independent of which window has the focus on Xvfb). */
    private static void pressEscape(Window dialog) throws Exception {
        SwingUtilities.invokeLater(() -> {
            javax.swing.JRootPane root = ((javax.swing.RootPaneContainer) dialog).getRootPane();
            SwingUtilities.processKeyBindings(new java.awt.event.KeyEvent(root, java.awt.event.KeyEvent.KEY_PRESSED,
                    System.currentTimeMillis(), 0, java.awt.event.KeyEvent.VK_ESCAPE, java.awt.event.KeyEvent.CHAR_UNDEFINED));
        });
    }

    private static void pressOk(Window optionPane) throws Exception {
        click(() -> findAll(optionPane, javax.swing.JButton.class).stream()
                .filter(b -> b.getText().equals("OK")).findFirst().orElseThrow());
        waitUntil(() -> !optionPane.isShowing(), 10_000);
    }

    @Test
    @org.junit.jupiter.api.Timeout(180)
    void afterAServerRestartTheWindowSignsInAgainKeepsItsStateAndShowsADroppedInPlugin() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        TestServer fixed = TestServer.start(Map.of("server.port", String.valueOf(port)));
        try {
            try (VidShareClient setup = fixed.client()) {
                TestServer.register(setup, "otto", "user");
            }
            AtomicReference<ClientWindow> windowRef = new AtomicReference<>();
            SwingUtilities.invokeAndWait(() -> windowRef.set(ClientWindow.open("127.0.0.1", port, Lang.EN, downloads)));
            ClientWindow window = windowRef.get();
            Window login = waitForWindow("login.dialog");
            edt(() -> {
                ((JTextField) find(login, "login.name")).setText("otto");
                ((JTextField) find(login, "login.password")).setText(TestServer.PASSWORD);
                return null;
            });
            click(() -> (AbstractButton) find(login, "login.signin"));
            waitUntil(() -> window.connection().state() == Connection.State.SIGNED_IN && !login.isShowing(), 15_000);
            settle();
            edt(() -> {
                window.selectTab("transfers");
                return null;
            });
            List<String> menusBefore = edt(() -> itemNames((JMenu) find(window.getJMenuBar(), "menu.Account")));

            assertThat(edt(() -> findOrNull(window.getJMenuBar(), "menu.Help"))).isNull();

            // The operator stops the server, drops the example plugin's jar into its plugins
            // directory and starts it again on the same port; the client is not touched.
            fixed.close();
            Path plugins = Files.createDirectories(fixed.dataDir().resolve("plugins"));
            Files.copy(Path.of(System.getProperty("vidshare.example.plugin")), plugins.resolve("server-time.jar"));
            Files.copy(Path.of(System.getProperty("vidshare.example.tasks")), plugins.resolve("tasks.jar"));
            fixed.restart();

            // The next request (here: the menu's whoami, its tab read again) finds the connection gone,
            // reconnects, signs in again.
            click(() -> (AbstractButton) findMenuItem(window.getJMenuBar(), "menu.feature.whoami"));
            waitUntil(() -> window.connection().reconnects() == 1, 15_000);
            waitFor(() -> "otto".equals(labelText(window, "view.whoami.line.name")), 15_000);
            assertThat(window.connection().reconnects()).isEqualTo(1);
            assertThat(window.connection().state()).isEqualTo(Connection.State.SIGNED_IN);
            settle();
            assertThat(edt(() -> itemNames((JMenu) find(window.getJMenuBar(), "menu.Account")))).isEqualTo(menusBefore);
            assertThat(edt(() -> ((javax.swing.JTabbedPane) find(window, "main.tabs")).getSelectedIndex()))
                    .isEqualTo(edt(() -> ((javax.swing.JTabbedPane) find(window, "main.tabs")).indexOfTab("My account")));
            assertThat(edt(() -> ((javax.swing.JLabel) find(window, "main.status")).getText())).contains("otto");

            // The dropped-in command is a menu entry now, with the generic form and record view.
            assertThat(edt(() -> itemNames((JMenu) find(window.getJMenuBar(), "menu.Help"))))
                    .containsExactly("menu.feature.server_time");
            click(() -> (AbstractButton) findMenuItem(window.getJMenuBar(), "menu.feature.server_time"));
            Window form = waitForWindow("form.server_time");
            assertThat(edt(() -> ((JTextField) find(form, "form.field.zone")).getText())).isEmpty(); // optional
            click(() -> (AbstractButton) find(form, "form.ok"));
            Window time = waitForWindow("result.dialog.server_time");
            List<String> cells = edt(() -> cellTexts(findAll(time, JTable.class).get(0)));
            // The generic view shows a time cell in this machine's zone, as every other time.
            assertThat(cells).anyMatch(c -> c.matches("Time=\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d"))
                    .anyMatch(c -> c.matches("zone=\\S+"));
            shoot(window, "16-dropin-server-time"); // the window with its new Help menu and the result over it
            edt(() -> {
                time.dispose();
                return null;
            });

            // The dropped-in list command is a tab, with its columns, its button and its row action.
            edt(() -> {
                window.selectTab("list_tasks");
                return null;
            });
            JTable tasks = edt(() -> (JTable) find(window, "view.list_tasks.table"));
            assertThat(edt(() -> List.of(tasks.getColumnName(0), tasks.getColumnName(1), tasks.getColumnName(2))))
                    .containsExactly("Task", "Created", "Done");
            click(() -> (AbstractButton) find(window, "view.list_tasks.add_task"));
            Window taskForm = waitForWindow("form.add_task");
            edt(() -> {
                ((JTextField) find(taskForm, "form.field.title")).setText("Watch Big Buck Bunny");
                return null;
            });
            click(() -> (AbstractButton) find(taskForm, "form.ok"));
            Window added = waitForOptionPane();
            edt(() -> {
                added.dispose();
                return null;
            });
            waitFor(() -> edt(tasks::getRowCount) == 1, 10_000, () -> "showing: " + showingDialogs());
            assertThat(edt(() -> find(window, "view.list_tasks.finish_task").isEnabled())).isFalse();
            edt(() -> {
                tasks.setRowSelectionInterval(0, 0);
                return null;
            });
            click(() -> (AbstractButton) find(window, "view.list_tasks.finish_task"));
            Window done = waitForOptionPane();
            edt(() -> {
                done.dispose();
                return null;
            });
            waitFor(() -> "Yes".equals(edt(() -> String.valueOf(tasks.getValueAt(0, 2)))), 10_000);
            assertThat(edt(() -> cellTexts(tasks))).contains("Watch Big Buck Bunny");
            settle();
            shoot(window, "18-dropin-tasks-tab");
            edt(() -> {
                window.dispose();
                return null;
            });
        } finally {
            fixed.closeAndDelete();
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(180)
    void aDownloadCutByAServerRestartFinishesByItselfWithNoDialogOnTheWay() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        // No shutdown grace: the stop cuts the download as a crash would.
        TestServer fixed = TestServer.start(Map.of("server.port", String.valueOf(port), "server.shutdown-grace-seconds", "0",
                "download.free-wait-seconds", "1"));
        Path dir = Files.createTempDirectory("vidshare-restart");
        Path movie = dir.resolve("source.bin");
        byte[] bytes = new byte[12 << 20];
        new Random(23).nextBytes(bytes);
        Files.write(movie, bytes);
        long movieId;
        try (VidShareClient admin = fixed.loggedIn("boss", "admin")) {
            assumeTrue(admin.hello("en").list("features").stream()
                    .anyMatch(f -> f.get("type").asText().equals("upload_movie")), "movie commands not loaded");
            ClientReply uploaded = admin.upload(Map.of("type", "upload_movie", "file_name", "Cosmos Laundromat.mp4",
                    "file_size", bytes.length, "file_md5", Fingerprint.of(movie), "is_free", 1, "offset", 0),
                    movie, TransferListener.NONE);
            assertThat(uploaded.ok()).as(uploaded.toString()).isTrue();
            movieId = uploaded.number("movie_id");
            TestServer.register(admin, "uma", "user");
        }
        Path saved = dir.resolve("downloads");
        // A 4 MiB/s link: the 12 MiB download still runs when the server stops.
        try (ThrottledRelay relay = new ThrottledRelay(port, 0, 4L << 20)) {
            ClientWindow window = openSignedIn(relay.port(), "uma", saved);
            edt(() -> {
                window.selectTab("movies");
                return null;
            });
            waitUntil(() -> window.movies().movies().stream().anyMatch(m -> m.id() == movieId), 10_000);
            edt(() -> {
                window.selectMovie(movieId);
                return null;
            });
            click(() -> (AbstractButton) find(window, "movies.download"));
            waitUntil(() -> !window.transfers().transfers().isEmpty(), 5_000);
            Transfer download = window.transfers().transfers().get(0);
            waitUntil(() -> download.state().finished()
                    || download.state() == Transfer.State.RUNNING && download.fraction() >= 0.15, 30_000);
            assertThat(download.state()).as(download.error()).isEqualTo(Transfer.State.RUNNING);

            fixed.close(); // the server goes away mid-download
            List<String> statusSeen = new ArrayList<>();
            // The second pause (about 2 s) is long enough for a picture of the countdown.
            sampleWithoutModalDialogs(window, statusSeen, () -> download.state() == Transfer.State.RETRYING
                    && download.retries() >= 2, 60_000);
            edt(() -> {
                ((JTable) find(window, "transfers.table")).setRowSelectionInterval(0, 0);
                return null;
            });
            shoot(window, "18-transfer-reconnecting");
            fixed.restart(); // same port, same data directory: nobody touches the window
            sampleWithoutModalDialogs(window, statusSeen, () -> download.state().finished(), 90_000);

            assertThat(download.state()).as(download.error()).isEqualTo(Transfer.State.DONE);
            assertThat(download.retries()).isPositive();
            assertThat(window.transfers().transfers()).containsExactly(download);
            assertThat(Files.mismatch(saved.resolve("Cosmos Laundromat.mp4"), movie)).isEqualTo(-1);
            assertThat(statusSeen).as("the reconnects are told in the status bar and the row")
                    .anyMatch(text -> text.contains("retries by itself")).anyMatch(text -> text.startsWith("Retrying in "));
            waitUntil(() -> {
                try {
                    return edt(() -> ((javax.swing.JLabel) find(window, "main.status")).getText()).startsWith("Download complete");
                } catch (Exception e) {
                    return false;
                }
            }, 10_000);
            shoot(window, "19-transfer-recovered");
            edt(() -> {
                window.dispose();
                return null;
            });
        } finally {
            fixed.closeAndDelete();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A window on {@code port}, signed in as the user {@code name} through its login dialog. */
    private static ClientWindow openSignedIn(int port, String name, Path downloadDir) throws Exception {
        AtomicReference<ClientWindow> windowRef = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> windowRef.set(ClientWindow.open("127.0.0.1", port, Lang.EN, downloadDir)));
        ClientWindow window = windowRef.get();
        Window login = waitForWindow("login.dialog");
        edt(() -> {
            ((JTextField) find(login, "login.name")).setText(name);
            ((JTextField) find(login, "login.password")).setText(TestServer.PASSWORD);
            return null;
        });
        click(() -> (AbstractButton) find(login, "login.signin"));
        waitUntil(() -> window.connection().state() == Connection.State.SIGNED_IN && !login.isShowing(), 15_000);
        return window;
    }

    /**
     * Samples the window every 100 ms until {@code done}: no modal dialog may show at any sample
     * (a reconnect is the status bar's business), and the texts of the status bar and of the first
     * transfer row's state seen are collected.
     */
    private static void sampleWithoutModalDialogs(ClientWindow window, List<String> statusSeen, BooleanSupplier done,
                                                  long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (!done.getAsBoolean()) {
            List<String> modal = edt(() -> {
                List<String> showing = new ArrayList<>();
                for (Window w : Window.getWindows()) {
                    if (w.isShowing() && w instanceof java.awt.Dialog d && d.isModal()) {
                        showing.add(d.getTitle());
                    }
                }
                statusSeen.add(((javax.swing.JLabel) find(window, "main.status")).getText());
                statusSeen.add(String.valueOf(((JTable) find(window, "transfers.table")).getValueAt(0, 2)));
                return showing;
            });
            assertThat(modal).as("modal dialogs during the reconnect").isEmpty();
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within " + millis + " ms");
            }
            Thread.sleep(100);
        }
    }

    /** The text of the label named {@code name} in {@code window}, or null while there is none. */
    private static String labelText(Window window, String name) throws Exception {
        return edt(() -> {
            java.awt.Component label = findOrNull(window, name);
            return label instanceof javax.swing.JLabel l ? l.getText() : null;
        });
    }

    /** The message of an option pane's dialog, as plain text. */
    private static String optionPaneText(Window dialog) {
        Object message = findAll((java.awt.Container) dialog, javax.swing.JOptionPane.class).get(0).getMessage();
        return String.valueOf(message).replaceAll("<[^>]+>", "");
    }

    /** The showing dialog of a JOptionPane (message or confirmation). */
    /** Titles and option-pane messages of the dialogs showing now (for a failure's message). */
    private static List<String> showingDialogs() {
        List<String> showing = new ArrayList<>();
        for (Window w : Window.getWindows()) {
            if (w.isShowing() && w instanceof javax.swing.JDialog d) {
                List<javax.swing.JOptionPane> panes = findAll(d, javax.swing.JOptionPane.class);
                showing.add(d.getTitle() + (panes.isEmpty() ? "" : ": " + panes.get(0).getMessage()));
            }
        }
        return showing;
    }

    private static Window waitForOptionPane() throws Exception {
        AtomicReference<Window> found = new AtomicReference<>();
        waitUntil(() -> {
            for (Window w : Window.getWindows()) {
                if (w.isShowing() && w instanceof javax.swing.JDialog d && !findAll(d, javax.swing.JOptionPane.class).isEmpty()) {
                    found.set(w);
                    return true;
                }
            }
            return false;
        }, 15_000);
        settle();
        return found.get();
    }

    /**
     * Clicks later on the EDT and returns at once: a click may open a modal dialog, which would
     * block an invokeAndWait until the dialog closes.
     */
    private static void click(Callable<AbstractButton> button) throws Exception {
        AbstractButton target = edt(button);
        SwingUtilities.invokeLater(target::doClick);
    }

    // ---- small helpers: find components by name, wait, run on the EDT, capture the screen ----

    /** A condition read on the EDT, for {@link #waitUntil}. */
    private static boolean onEdt(Callable<Boolean> condition) {
        try {
            return edt(condition);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static <T> T edt(Callable<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                result.set(work.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    /** {@link #waitUntil} for a condition that reads Swing state on the EDT (and so may throw). */
    private static void waitFor(Callable<Boolean> condition, long millis) throws InterruptedException {
        waitFor(condition, millis, () -> "");
    }

    /** As {@link #waitFor(Callable, long)}; a failure says {@code why} (what the window showed then). */
    private static void waitFor(Callable<Boolean> condition, long millis, java.util.function.Supplier<String> why)
            throws InterruptedException {
        try {
            waitUntil(() -> {
                try {
                    return condition.call();
                } catch (Exception e) {
                    return false;
                }
            }, millis);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; " + why.get(), e);
        }
    }

    private static void waitUntil(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within " + millis + " ms");
            }
            Thread.sleep(50);
        }
    }

    private static Window waitForWindow(String name) throws Exception {
        AtomicReference<Window> found = new AtomicReference<>();
        waitUntil(() -> {
            for (Window w : Window.getWindows()) {
                if (name.equals(w.getName()) && w.isShowing()) {
                    found.set(w);
                    return true;
                }
            }
            return false;
        }, 15_000);
        settle();
        return found.get();
    }

    @Test
    @org.junit.jupiter.api.Timeout(300)
    void theMovieViewShowsPostersLengthAndResolution() throws Exception {
        Path cache = Files.createTempDirectory("vidshare-client-cache");
        System.setProperty("vidshare.client.cache-dir", cache.toString());
        long first;
        long second;
        try (VidShareClient admin = server.loggedIn("boss", "admin")) {
            assumeTrue(admin.hello("en").list("features").stream()
                    .anyMatch(f -> f.get("type").asText().equals("upload_movie")), "movie commands not loaded");
            Path dir = Files.createTempDirectory("vidshare-videos");
            first = MovieFiles.upload(admin, TestVideos.h264(dir.resolve("a.mp4"), 640, 360, 25, 75), "Colour Bars.mp4", true);
            second = MovieFiles.upload(admin, TestVideos.h264(dir.resolve("b.mp4"), 480, 360, 25, 50), "Sweep 4x3.mp4", false);
            MediaMetadataTest.awaitPoster(admin, first);
            MediaMetadataTest.awaitPoster(admin, second);
        }
        try (VidShareClient setup = server.client()) {
            ClientReply viewer = TestServer.register(setup, "viewer", "user");
            assertThat(viewer.ok() || "conflict".equals(viewer.code())).as(viewer.toString()).isTrue();
        }
        ClientWindow window = openSignedIn(server.port(), "viewer", downloads);
        try {
            edt(() -> {
                window.selectTab("movies");
                return null;
            });
            waitUntil(() -> window.movies().getRowCount() >= 2, 10_000);
            // The posters are fetched once and cached on disk under the client's cache directory.
            Path posters = cache.resolve("thumbnails").resolve("127.0.0.1_" + server.port());
            waitUntil(() -> Files.isRegularFile(posters.resolve(first + ".jpg"))
                    && Files.isRegularFile(posters.resolve(second + ".jpg")), 60_000);
            edt(() -> {
                window.selectMovie(first);
                return null;
            });
            settle();
            JTable table = edt(() -> (JTable) find(window, "movies.table"));
            List<String> cells = edt(() -> cellTexts(table));
            // Raw cell values (the renderer formats the length as 0:03): seconds and width×height.
            assertThat(cells).contains("640×360", "480×360", "3.0", "2.0");
            assertThat(edt(() -> window.movies().display(0, org.vidshare.client.swing.model.MovieTableModel.DURATION_COLUMN)))
                    .matches("0:0[23]");
            assertThat(edt(() -> table.getColumnName(0))).isEqualTo("Poster");
            // The detail pane shows the selected movie: its name and facts (plain text).
            Container details = edt(() -> (Container) find(window, "movies.details"));
            waitUntil(() -> onEdt(() -> labelTexts(details).contains("Colour Bars.mp4")), 10_000);
            assertThat(edt(() -> labelTexts(details))).contains("640×360 (360p)", "0:03", "H264");
            shoot(window, "17-movie-posters");
            // The poster wall over the same list; the selection goes along.
            click(() -> (AbstractButton) find(window, "movies.view.grid"));
            javax.swing.JList<?> grid = edt(() -> (javax.swing.JList<?>) find(window, "movies.grid"));
            waitUntil(() -> onEdt(grid::isShowing), 10_000);
            assertThat(edt(grid::getModel).getSize()).isGreaterThanOrEqualTo(2);
            assertThat(edt(() -> ((org.vidshare.client.swing.model.MovieTableModel.Movie) grid.getSelectedValue()).id()))
                    .isEqualTo(first);
            edt(() -> {
                window.selectMovie(second);
                return null;
            });
            waitUntil(() -> onEdt(() -> labelTexts(details).contains("Sweep 4x3.mp4")), 10_000);
            assertThat(edt(() -> labelTexts(details))).contains("480×360 (360p)", "Paid", "10.00");
            shoot(window, "17b-movie-grid");
            click(() -> (AbstractButton) find(window, "movies.view.table"));
            waitUntil(() -> onEdt(table::isShowing), 10_000);
            assertThat(edt(() -> window.movies().movie(table.convertRowIndexToModel(table.getSelectedRow())).id()))
                    .isEqualTo(second);
            // Play on a movie that is not downloaded says so (it never starts a player).
            click(() -> (AbstractButton) find(window, "movies.play"));
            Window message = waitForOptionPane();
            assertThat(edt(() -> String.valueOf(findAll(message, javax.swing.JOptionPane.class).get(0).getMessage())))
                    .contains("is not downloaded yet");
            edt(() -> {
                message.dispose();
                return null;
            });
        } finally {
            edt(() -> {
                window.dispose();
                return null;
            });
            System.clearProperty("vidshare.client.cache-dir");
        }
    }

    private static void settle() throws Exception {
        new Robot().waitForIdle();
        Thread.sleep(300);
        edt(() -> null);
    }

    private static Component find(Container root, String name) {
        Component found = findOrNull(root, name);
        if (found == null) {
            throw new AssertionError("no component named " + name);
        }
        return found;
    }

    private static Component findOrNull(Container root, String name) {
        if (name.equals(root.getName())) {
            return root;
        }
        Component[] children = root instanceof JMenu menu ? menu.getMenuComponents() : root.getComponents();
        for (Component child : children) {
            if (name.equals(child.getName())) {
                return child;
            }
            if (child instanceof Container container) {
                Component deeper = findOrNull(container, name);
                if (deeper != null) {
                    return deeper;
                }
            }
        }
        return null;
    }

    private static Component findMenuItem(JMenuBar bar, String name) {
        for (int i = 0; i < bar.getMenuCount(); i++) {
            Component found = findOrNull(bar.getMenu(i), name);
            if (found != null) {
                return found;
            }
        }
        throw new AssertionError("no menu item named " + name);
    }

    private static List<String> itemNames(JMenu menu) {
        List<String> names = new ArrayList<>();
        for (Component c : menu.getMenuComponents()) {
            names.add(c.getName());
        }
        return names;
    }

    private static List<String> itemTexts(JMenu menu) {
        List<String> texts = new ArrayList<>();
        for (Component c : menu.getMenuComponents()) {
            if (c instanceof AbstractButton b) {
                texts.add(b.getText());
            }
        }
        return texts;
    }

    private static <T> List<T> findAll(Container root, Class<T> type) {
        List<T> all = new ArrayList<>();
        for (Component child : root.getComponents()) {
            if (type.isInstance(child)) {
                all.add(type.cast(child));
            }
            if (child instanceof Container container) {
                all.addAll(findAll(container, type));
            }
        }
        return all;
    }

    /** Rendered cell texts, "key=value" for two-column tables, else each cell. */
    private static List<String> cellTexts(JTable table) {
        List<String> cells = new ArrayList<>();
        for (int row = 0; row < table.getRowCount(); row++) {
            if (table.getColumnCount() == 2) {
                cells.add(table.getValueAt(row, 0) + "=" + table.getValueAt(row, 1));
            }
            for (int col = 0; col < table.getColumnCount(); col++) {
                cells.add(String.valueOf(table.getValueAt(row, col)));
            }
        }
        return cells;
    }

    /** The texts of every label under a container, in order. */
    private static List<String> labelTexts(Container root) {
        return findAll(root, javax.swing.JLabel.class).stream().map(javax.swing.JLabel::getText).toList();
    }

    /** A screen capture of the window (what Xvfb shows), saved as PNG. */
    private static void shoot(Window window, String name) throws Exception {
        settle();
        Rectangle bounds = edt(window::getBounds);
        BufferedImage image = new Robot().createScreenCapture(bounds);
        try {
            ImageIO.write(image, "png", SHOTS.resolve(name + ".png").toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot save screenshot " + name, e);
        }
    }
}
