package org.vidshare.client.swing.ui;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import java.awt.BorderLayout;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.swing.ButtonGroup;
import javax.swing.JCheckBox;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JPanel;
import javax.swing.JRadioButtonMenuItem;
import javax.swing.JTabbedPane;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import net.miginfocom.swing.MigLayout;
import org.vidshare.client.swing.model.ClientPrefs;
import org.vidshare.client.swing.model.Connection;
import org.vidshare.client.swing.model.ErrorText;
import org.vidshare.client.swing.model.Feature;
import org.vidshare.client.swing.model.Formats;
import org.vidshare.client.swing.model.Lang;
import org.vidshare.client.swing.model.MenuModel;
import org.vidshare.client.swing.model.Message;
import org.vidshare.client.swing.model.MovieTableModel;
import org.vidshare.client.swing.model.ResultModel;
import org.vidshare.client.swing.model.Texts;
import org.vidshare.client.swing.model.Transfer;
import org.vidshare.client.swing.model.TransferListModel;
import org.vidshare.client.swing.model.TransferStore;
import org.vidshare.client.swing.model.Views;
import org.vidshare.client.ClientReply;

/**
 * The main window. Menus come from the features the server lists for the current role, and so do
 * the tabs: one per command whose spec declares a view ({@link Views}), with buttons and row actions
 * where the commands' specs place them. Only the movies and the transfers have views of their own
 * (the movie panel for listing, downloading and uploading; the transfer panel): {@link #customViews}.
 * The models outlive the panels, so a language switch, a reconnect or a change of role rebuilds
 * the views without losing the rows or the running transfers.
 */
public final class ClientWindow extends JFrame {
    /** The command the movie panel shows (a view of its own, not a generic tab). */
    private static final String MOVIES = "get_movie_list";
    private final Connection connection;
    /** The smallest size at which every view still shows its table and its buttons. */
    public static final java.awt.Dimension MINIMUM_SIZE = new java.awt.Dimension(760, 480);
    private final Texts texts;
    private final ClientPrefs prefs;
    private Path downloadDir;
    private final MovieTableModel movies;
    private final TransferListModel transfers;
    private final JTabbedPane tabs = new JTabbedPane();
    private final List<String> tabKeys = new ArrayList<>();
    private final Views views;
    private final List<ViewPanel> viewPanels = new ArrayList<>();
    private final Map<String, JMenuItem> menuItems = new HashMap<>();
    private final StatusLine status;
    private final JLabel account = PlainText.label(" ");
    private final JLabel notice = new JLabel();
    private MoviePanel moviePanel;
    private TransferPanel transferPanel;
    private final TransferHooks transferHooks;
    private String shownShape = "";
    private String shownState = "";
    private String chosenTab = "movies";
    private boolean rebuilding;

    private ClientWindow(Connection connection, Texts texts, Path downloadDir, ClientPrefs prefs) {
        this.connection = connection;
        this.texts = texts;
        this.prefs = prefs;
        this.downloadDir = downloadDir;
        this.status = new StatusLine(texts);
        this.movies = new MovieTableModel(texts);
        this.transfers = new TransferListModel(connection, Ui.EDT, texts, TransferStore.in(TransferStore.defaultDir(),
                problem -> status.show(Message.of("transfers.queue_problem", problem))));
        this.views = new Views(connection, texts, Ui.EDT, Set.of(MOVIES));
        views.watch(transfers);
        views.onRefreshed(this::afterChange);
        setName("main.window");
        setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                rememberBounds();
            }

            @Override
            public void windowClosed(WindowEvent e) {
                rememberBounds();
                transfers.shutdown();
                connection.close();
                if (transferPanel != null) {
                    transferPanel.stop();
                }
            }
        });
        tabs.setName("main.tabs");
        // A view shown for the first time (a tab that appeared after a reconnect) reads its command.
        tabs.addChangeListener(e -> {
            int index = tabs.getSelectedIndex();
            if (!rebuilding && index >= 0 && index < tabKeys.size()) {
                chosenTab = tabKeys.get(index);
            }
            if (tabs.getSelectedComponent() instanceof ViewPanel panel && !panel.tab().view().loaded()) {
                panel.reload();
            }
        });
        status.setName("main.status");
        account.setName("main.account");
        notice.setName("main.notice");
        JPanel statusBar = new JPanel(new MigLayout("insets 4 8 4 8, fillx", "[grow][]", "[]"));
        statusBar.add(status);
        statusBar.add(account);
        JPanel content = new JPanel(new BorderLayout());
        notice.setBorder(javax.swing.BorderFactory.createEmptyBorder(6, 10, 6, 10));
        notice.setVisible(false);
        content.add(notice, BorderLayout.NORTH);
        content.add(tabs, BorderLayout.CENTER);
        content.add(statusBar, BorderLayout.SOUTH);
        setContentPane(content);
        transferHooks = TransferHooks.install(this, transfers, status::show);
        connection.addListener(c -> onConnectionChanged());
        texts.onChange(() -> SwingUtilities.invokeLater(this::onConnectionChanged));
        texts.onChange(() -> {
            prefs.setLang(texts.lang()); // from the menu, the login dialog or the preferences
            prefs.flush();
        });
        rebuild();
        updateStatus();
        setIconImages(AppIcon.images());
        setMinimumSize(MINIMUM_SIZE);
        placeWindow();
        Shortcuts.install(this);
    }

    /** Where the window was last time, when that is still on a screen; else centred at a roomy size. */
    private void placeWindow() {
        java.util.Optional<java.awt.Rectangle> remembered = prefs.windowBounds().filter(ClientWindow::onAScreen);
        if (remembered.isPresent()) {
            setBounds(remembered.get());
        } else {
            setSize(1280, 800);
            setLocationRelativeTo(null);
        }
    }

    private static boolean onAScreen(java.awt.Rectangle bounds) {
        for (java.awt.GraphicsDevice screen : java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices()) {
            java.awt.Rectangle visible = screen.getDefaultConfiguration().getBounds().intersection(bounds);
            if (visible.width >= 100 && visible.height >= 100) {
                return true;
            }
        }
        return false;
    }

    private void rememberBounds() {
        if ((getExtendedState() & MAXIMIZED_BOTH) == 0 && getWidth() > 0) {
            prefs.setWindowBounds(getBounds());
            prefs.flush();
        }
    }

    /**
     * Opens the window on the EDT, connects, and asks for sign-in. Call on the EDT.
     *
     * @param downloadDir where downloads are saved (created when missing)
     */
    public static ClientWindow open(String host, int port, Lang lang, Path downloadDir) {
        return open(host, port, lang, downloadDir, Connection.Dialer.PLAIN);
    }

    /** As {@link #open(String, int, Lang, Path)}, with sockets from {@code dialer} (e.g. TLS); remembers nothing. */
    public static ClientWindow open(String host, int port, Lang lang, Path downloadDir, Connection.Dialer dialer) {
        return open(host, port, lang, downloadDir, dialer, ClientPrefs.inMemory());
    }

    /** As {@link #open(String, int, Lang, Path, Connection.Dialer)}, remembering servers, bounds, theme, language and folder in {@code prefs}. */
    public static ClientWindow open(String host, int port, Lang lang, Path downloadDir, Connection.Dialer dialer,
                                    ClientPrefs prefs) {
        Texts texts = new Texts(lang);
        Connection connection = new Connection(host, port, lang, Ui.EDT);
        connection.setDialer(dialer);
        ClientWindow window = new ClientWindow(connection, texts, downloadDir, prefs);
        window.setVisible(true);
        connection.connect().whenCompleteAsync((reply, failure) -> {
            if (failure != null) {
                window.status.show(ErrorText.message(failure, connection.address()));
            } else {
                prefs.rememberServer(new ClientPrefs.Server(host, port));
                prefs.flush();
            }
            window.showLogin();
        }, Ui.EDT);
        return window;
    }

    /** Light or dark FlatLaf, applied to every open window. */
    public static void applyTheme(boolean dark) {
        if (dark) {
            FlatDarkLaf.setup();
        } else {
            FlatLightLaf.setup();
        }
        FlatLaf.updateUI();
    }

    public Connection connection() {
        return connection;
    }

    public Texts texts() {
        return texts;
    }

    public MovieTableModel movies() {
        return movies;
    }

    public TransferListModel transfers() {
        return transfers;
    }

    public Path downloadDir() {
        return downloadDir;
    }

    public ClientPrefs prefs() {
        return prefs;
    }

    /** The Preferences dialog (also the client menu's entry). */
    public void showPreferences() {
        new PreferencesDialog(this).setVisible(true);
    }

    /** Help/About (also the client menu's entry). */
    public void showAbout() {
        new AboutDialog(this).setVisible(true);
    }

    /** Light or dark for every open window, remembered for the next start. */
    public void setTheme(boolean dark) {
        applyTheme(dark);
        prefs.setDark(dark);
        prefs.flush();
        setJMenuBar(menuBar()); // the theme item's tick
    }

    /** What the Preferences dialog's OK applies: theme, language and download folder, all remembered. */
    void applyPreferences(boolean dark, Lang lang, Path folder) {
        if (dark != FlatLaf.isLafDark()) {
            setTheme(dark);
        }
        if (!folder.equals(downloadDir)) {
            downloadDir = folder;
            prefs.setDownloadDir(folder);
            prefs.flush();
            rebuild();
        }
        if (lang != texts.lang()) {
            switchLanguage(lang);
        }
    }

    /** F5: the current tab asks the server again. */
    void refreshCurrentView() {
        if (tabs.getSelectedComponent() instanceof Reloadable view) {
            view.reload();
        }
    }

    /** Ctrl+F: the movie search. */
    void focusSearch() {
        if (moviePanel != null) {
            selectTab("movies");
            moviePanel.focusSearch();
        }
    }

    /** The spec-built views (tabs) of the current features. */
    public Views views() {
        return views;
    }

    public void showLogin() {
        new LoginDialog(this, connection, texts, this::afterSignIn).setVisible(true);
    }

    /** Selects a tab by its key: "movies", "transfers", or the type of a command with a view ("wallet"). */
    public void selectTab(String key) {
        int index = tabKeys.indexOf(key);
        if (index >= 0) {
            tabs.setSelectedIndex(index);
            if (!rebuilding) {
                chosenTab = key;
            }
        }
    }

    /** The key of the tab in front (see {@link #selectTab}), or null when there is none. */
    public String selectedTab() {
        int index = tabs.getSelectedIndex();
        return index < 0 || index >= tabKeys.size() ? null : tabKeys.get(index);
    }

    /** Selects a movie row by id, e.g. before {@code movies.download}. */
    public void selectMovie(long movieId) {
        if (moviePanel != null) {
            moviePanel.select(movieId);
        }
    }

    private void afterSignIn() {
        rebuild();
        selectTab("movies");
        showLastNotice();
        refreshAll();
        transferHooks.offerResume();
    }

    /** The notice the login reply carried, as the original clients showed it at sign-in. */
    private void showLastNotice() {
        ClientReply login = connection.lastLogin();
        if (login != null && login.get("last_notice").isObject()) {
            var last = login.get("last_notice");
            notice.setText(Ui.wrap(texts.get("notice.last") + ": " + last.path("title").asText() + " — "
                    + last.path("content").asText()).replace("width: 360px", "width: 1200px"));
            notice.setVisible(true);
        } else {
            notice.setVisible(false);
        }
    }

    private void refreshAll() {
        for (java.awt.Component tab : tabs.getComponents()) {
            if (tab instanceof Reloadable view) {
                view.reload();
            }
        }
        viewPanels.forEach(ViewPanel::reload);
    }

    /** After a purchase or any other change: the views and the account were read again; movies follow (prices, owned). */
    private void afterChange() {
        if (moviePanel != null) {
            moviePanel.reload();
        }
        updateActions();
    }

    private void onConnectionChanged() {
        updateStatus();
        String shape = texts.lang() + "|" + connection.features().stream().map(Feature::type).toList();
        if (!shape.equals(shownShape)) {
            rebuild();
        }
        updateActions();
    }

    /** Commands that are pointless for the account (Buy VIP for a VIP) are disabled, in menus and on views. */
    private void updateActions() {
        menuItems.forEach((type, item) -> {
            Feature feature = connection.feature(type);
            item.setEnabled(feature == null || !views.disabled(feature));
        });
        viewPanels.forEach(ViewPanel::updateActions);
    }

    private void updateStatus() {
        Connection.Account who = connection.account();
        setTitle(texts.get("app.title") + (who == null ? "" : " — " + who.name()) + " — " + connection.address());
        Message state = switch (connection.state()) {
            case DISCONNECTED -> Message.of("state.disconnected");
            case CONNECTING -> Message.of("state.connecting");
            case RECONNECTING -> Message.of("state.reconnecting");
            case CONNECTED -> Message.of("state.connected", connection.address());
            case SIGNED_IN -> Message.of("state.signed_in", who.name(),
                    Message.of(who.admin() ? "login.type.admin" : "login.type.user"), connection.address());
        };
        // A note of the transfers (a reconnect, a finished download) stays until the connection's state says something new.
        String rendered = state.render(texts);
        if (!rendered.equals(shownState)) {
            shownState = rendered;
            status.show(state);
        }
        account.setText(who == null || who.admin() ? " " : texts.get("status.balance", Formats.money(who.balanceCents()))
                + (who.vip() ? "  ·  " + texts.get("status.vip") : ""));
    }

    /** Menus and tabs for the current features and language. */
    private void rebuild() {
        shownShape = texts.lang() + "|" + connection.features().stream().map(Feature::type).toList();
        setJMenuBar(menuBar());
        // The tab the person chose, even when a rebuild in between lacked it (the public features of a reconnect).
        String selected = chosenTab;
        rebuilding = true;
        if (transferPanel != null) {
            transferPanel.stop();
        }
        tabs.removeAll();
        tabKeys.clear();
        viewPanels.clear();
        moviePanel = null;
        if (connection.hasFeature(MOVIES)) {
            moviePanel = new MoviePanel(this, movies);
            addTab("movies", texts.get("tab.movies"), moviePanel);
        }
        for (Views.Tab tab : views.update()) {
            ViewPanel panel = new ViewPanel(this, tab);
            viewPanels.add(panel);
            addTab(tab.type(), tab.view().title(), panel);
        }
        transferPanel = new TransferPanel(this, transfers, downloadDir);
        addTab("transfers", texts.get("tab.transfers"), transferPanel);
        selectTab(selected);
        rebuilding = false;
        updateStatus();
        updateActions();
        showLastNotice();
        getRootPane().revalidate();
        repaint();
    }

    private void addTab(String key, String title, JComponent panel) {
        tabKeys.add(key);
        // A view's title is its command's label, from the server (a drop-in's spec): plain text.
        tabs.addTab(null, panel);
        JLabel label = PlainText.label(title);
        label.setName("tab." + key);
        tabs.setTabComponentAt(tabs.getTabCount() - 1, label);
        tabs.setTitleAt(tabs.getTabCount() - 1, title);
    }

    private JMenuBar menuBar() {
        JMenuBar bar = new JMenuBar();
        bar.setName("main.menubar");
        menuItems.clear();
        JMenu app = new JMenu(texts.get("menu.client"));
        app.setName("menu.client");
        app.setMnemonic(KeyEvent.VK_V);
        JMenu language = Ui.mnemonic(new JMenu(texts.get("menu.language")), "menu.language");
        ButtonGroup group = new ButtonGroup();
        for (Lang lang : Lang.values()) {
            JRadioButtonMenuItem item = new JRadioButtonMenuItem(lang == Lang.EN ? "English" : "中文", lang == texts.lang());
            item.setName("menu.language." + lang.wire());
            item.addActionListener(e -> switchLanguage(lang));
            group.add(item);
            language.add(item);
        }
        app.add(language);
        JCheckBoxMenuItem dark = Ui.mnemonic(new JCheckBoxMenuItem(texts.get("menu.theme.dark"), FlatLaf.isLafDark()),
                "menu.theme.dark");
        dark.setName("menu.theme.dark");
        dark.addActionListener(e -> setTheme(dark.isSelected()));
        app.add(dark);
        app.add(clientItem("menu.preferences", this::showPreferences));
        app.addSeparator();
        if (connection.account() == null) {
            app.add(clientItem("menu.signin", this::showLogin));
        } else {
            app.add(clientItem("menu.signout", this::signOut));
        }
        app.add(clientItem("menu.about", this::showAbout));
        JMenuItem quit = clientItem("menu.quit", () -> {
            if (transferHooks.mayClose()) {
                dispose();
            }
        });
        quit.setAccelerator(javax.swing.KeyStroke.getKeyStroke(KeyEvent.VK_Q, java.awt.event.InputEvent.CTRL_DOWN_MASK));
        app.add(quit);
        bar.add(app);

        Map<String, JMenu> tops = new HashMap<>();
        for (MenuModel.Menu menu : connection.menu().menus()) {
            JMenu top = tops.computeIfAbsent(menu.top(), t -> {
                // The server sends the path in the connection's language, as the spec states it.
                JMenu created = PlainText.plain(new JMenu());
                created.setText(t);
                created.setName("menu." + t);
                bar.add(created);
                return created;
            });
            JMenu target = top;
            if (menu.sub() != null) {
                target = PlainText.plain(new JMenu());
                target.setText(menu.sub());
                target.setName("menu." + menu.path());
                top.add(target);
            }
            for (Feature feature : menu.entries()) {
                if (hiddenWhileSignedIn(feature)) {
                    continue;
                }
                JMenuItem entry = item("menu.feature." + feature.type(), feature.label(), () -> run(feature));
                menuItems.put(feature.type(), entry);
                target.add(entry);
            }
        }
        return bar;
    }

    /**
     * The server lists the public commands for every role; signed in, "Log in" is the sign-in
     * dialog's business and "Register" matters only to an admin (who may create admins).
     */
    private boolean hiddenWhileSignedIn(Feature feature) {
        Connection.Account who = connection.account();
        return who != null && (feature.type().equals("login") || feature.type().equals("register") && !who.admin());
    }

    /** An entry of the client's own menu: its words and mnemonic from {@link Texts}, named by its key. */
    private JMenuItem clientItem(String key, Runnable action) {
        return Ui.mnemonic(item(key, texts.get(key), action), key);
    }

    private static JMenuItem item(String name, String text, Runnable action) {
        // Feature labels come from the server (a drop-in plugin's spec): plain text.
        JMenuItem item = PlainText.plain(new JMenuItem());
        item.setText(text);
        item.setName(name);
        item.addActionListener(e -> action.run());
        return item;
    }

    private void switchLanguage(Lang lang) {
        texts.setLang(lang);
        connection.setLang(lang).whenCompleteAsync((r, f) -> {
            rebuild();
            refreshAll();
        }, Ui.EDT);
    }

    private void signOut() {
        connection.logout().whenCompleteAsync((r, f) -> {
            notice.setVisible(false);
            rebuild();
            showLogin();
        }, Ui.EDT);
    }

    /**
     * A menu entry: the custom view for the commands that have one ({@link #customViews}), the tab of a
     * command with a view, else the generic form.
     */
    public void run(Feature feature) {
        Runnable custom = customViews().get(feature.type());
        if (custom != null) {
            custom.run();
        } else if (views.tab(feature.type()) != null) {
            selectTab(feature.type());
            viewPanels.stream().filter(p -> p.tab().type().equals(feature.type())).forEach(ViewPanel::reload);
        } else {
            runGeneric(feature, Map.of());
        }
    }

    /**
     * The commands with views of their own, named here and nowhere else: the movie panel lists,
     * downloads and deletes; uploads go through the chooser and the transfer panel; signing in and
     * registering through the sign-in dialog.
     */
    private Map<String, Runnable> customViews() {
        return Map.of("login", this::showLogin, "register", this::showLogin,
                MOVIES, () -> selectTab("movies"), "download_movie", () -> selectTab("movies"),
                "delete_movie", () -> selectTab("movies"), "upload_movie", this::showUpload);
    }

    /**
     * The generic path of a command: refused when pointless for the account, the question its spec
     * asks (with its price), the generic form for what {@code prefill} leaves open (or the call at once),
     * and the generic result view. A command that changed something refreshes every view and the account.
     */
    void runGeneric(Feature feature, Map<String, String> prefill) {
        if (views.disabled(feature)) {
            Ui.info(this, feature.label(), texts.get("view.disabled"));
            return;
        }
        String question = feature.confirmation(texts);
        if (question != null && !Ui.confirm(this, feature.label(), question)) {
            return;
        }
        boolean needsInput = feature.fields().stream().anyMatch(f -> !prefill.containsKey(f.name()));
        if (needsInput) {
            new FormDialog(this, feature, prefill, reply -> views.changed(feature, reply)).setVisible(true);
            return;
        }
        Map<String, Object> request = new HashMap<>(prefill);
        for (Feature.FieldSpec field : feature.fields()) {
            if ((field.kind().equals("number") || field.kind().equals("movie")) && prefill.containsKey(field.name())) {
                request.put(field.name(), Long.parseLong(prefill.get(field.name())));
            }
        }
        request.put("type", feature.type());
        Ui.whenDone(this, connection, texts, views.run(feature, request), reply ->
                FormDialog.showResult(this, feature, ResultModel.of(feature.result(), reply, texts), texts));
    }

    /** Upload: a file chooser with a "free movie" box; check_movie and the bytes run as a transfer. */
    void showUpload() {
        JFileChooser chooser = new JFileChooser();
        chooser.setName("upload.chooser");
        chooser.setDialogTitle(texts.get("upload.title"));
        JCheckBox free = new JCheckBox(texts.get("upload.free"), true);
        free.setName("upload.free");
        chooser.setAccessory(free);
        chooser.setMultiSelectionEnabled(true);
        if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            transfers.uploadAll(java.util.Arrays.stream(chooser.getSelectedFiles()).map(File::toPath).toList(),
                    free.isSelected());
            selectTab("transfers");
        }
    }

    public Transfer startUpload(Path file, boolean free) {
        Transfer transfer = transfers.upload(file, free);
        selectTab("transfers");
        return transfer;
    }

    /** Starts a download of the movie into the download folder and shows the transfers. */
    public Transfer startDownload(MovieTableModel.Movie movie) {
        try {
            Files.createDirectories(downloadDir);
        } catch (java.io.IOException e) {
            Ui.error(this, texts, e.getMessage());
            return null;
        }
        // Asks before replacing a file of the same name; null when the person keeps it instead.
        Transfer transfer = transfers.downloadInto(downloadDir, movie.id(), movie.name());
        if (transfer != null) {
            selectTab("transfers");
        }
        return transfer;
    }
}
