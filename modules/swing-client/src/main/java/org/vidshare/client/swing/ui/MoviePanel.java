package org.vidshare.client.swing.ui;

import java.awt.CardLayout;
import java.awt.Component;
import javax.swing.SwingConstants;
import javax.swing.table.DefaultTableCellRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.swing.ButtonGroup;
import javax.swing.ImageIcon;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.JToggleButton;
import net.miginfocom.swing.MigLayout;
import org.vidshare.client.swing.model.Formats;
import org.vidshare.client.swing.model.DownloadNames;
import org.vidshare.client.swing.model.MovieTableModel;
import org.vidshare.client.swing.model.PosterCache;
import org.vidshare.client.swing.model.SearchAsYouType;

/**
 * The movie list with posters, length and resolution, as a table or a poster wall (switchable),
 * with the selected movie's details beside it: filter, search, and the actions on the selected
 * movie (download, play once downloaded; admins: delete, upload).
 */
final class MoviePanel extends JPanel implements Reloadable {
    private final ClientWindow window;
    private final MovieTableModel model;
    private final JTable table;
    private final JLabel total = new JLabel();
    private final JTextField search;
    private static final int POSTER_WIDTH = 128;
    private static final int POSTER_HEIGHT = 72;
    private final PosterIcons posters;
    private final MovieGrid grid;
    private final MovieDetailPane details;
    private final JPanel views = new JPanel(new CardLayout());
    private boolean gridShown;

    MoviePanel(ClientWindow window, MovieTableModel model) {
        super(new MigLayout("insets 8, fill", "[][grow,fill][][]push[][][]", "[][grow,fill][]"));
        this.window = window;
        this.model = model;
        this.posters = new PosterIcons(new PosterCache(cacheDir(), window.connection().host(), window.connection().port()),
                window.connection(), this::postersArrived);
        var texts = window.texts();
        setName("movies.panel");

        JComboBox<String> filter = new JComboBox<>();
        filter.setName("movies.filter");
        for (String type : MovieTableModel.TYPES) {
            filter.addItem(texts.get("movie.filter." + type));
        }
        filter.setSelectedIndex(java.util.List.of(MovieTableModel.TYPES).indexOf(model.movieType()));
        filter.addActionListener(e -> {
            model.setMovieType(MovieTableModel.TYPES[filter.getSelectedIndex()]);
            reload();
        });
        search = new JTextField(model.query(), 24);
        search.setName("movies.search");
        search.putClientProperty("JTextField.placeholderText", texts.get("search.hint"));
        search.putClientProperty("JTextField.showClearButton", true);
        // As you type, after a pause; clearing the box (its clear button too) shows every movie again.
        SearchAsYouType typing = new SearchAsYouType(MoviePanel::later, SearchAsYouType.DEFAULT_DELAY_MILLIS,
                model.query(), query -> {
                    model.setQuery(query);
                    reload();
                });
        search.getDocument().addDocumentListener(new javax.swing.event.DocumentListener() {
            @Override
            public void insertUpdate(javax.swing.event.DocumentEvent e) {
                typing.typed(search.getText());
            }

            @Override
            public void removeUpdate(javax.swing.event.DocumentEvent e) {
                typing.typed(search.getText());
            }

            @Override
            public void changedUpdate(javax.swing.event.DocumentEvent e) {
                typing.typed(search.getText());
            }
        });
        search.addActionListener(e -> typing.now(search.getText()));
        add(filter);
        add(search, "wmin 120");
        add(Ui.button("movies.search.go", texts, "button.refresh", () -> typing.now(search.getText())));
        add(new JLabel());
        if (window.connection().hasFeature("download_movie")) {
            JButton download = Ui.button("movies.download", texts, "button.download", this::downloadSelected);
            add(download);
        }
        if (window.connection().hasFeature("download_movie")) {
            add(Ui.button("movies.play", texts, "button.play", this::playSelected));
        }
        if (window.connection().hasFeature("delete_movie")) {
            add(Ui.button("movies.delete", texts, "button.delete", this::deleteSelected));
            // Del on the list (a focused search box keeps Del for its text): the same confirmation.
            Shortcuts.bind(this, WHEN_ANCESTOR_OF_FOCUSED_COMPONENT, Shortcuts.DELETE, "movies.delete", this::deleteSelected);
        }
        if (window.connection().hasFeature("upload_movie")) {
            add(Ui.button("movies.upload", texts, "button.upload", window::showUpload));
        }
        add(viewSwitch(texts), "wrap");

        table = Tables.movies(model);
        // Posters: the model's last column, shown first; rows as tall as a poster's row image.
        table.getColumnModel().getColumn(MovieTableModel.POSTER_COLUMN).setCellRenderer(new PosterRenderer());
        table.getColumnModel().getColumn(MovieTableModel.POSTER_COLUMN).setPreferredWidth(POSTER_WIDTH + 8);
        table.getColumnModel().getColumn(MovieTableModel.POSTER_COLUMN).setMaxWidth(POSTER_WIDTH + 8);
        table.moveColumn(MovieTableModel.POSTER_COLUMN, 0);
        table.setRowHeight(POSTER_HEIGHT + 6);
        grid = new MovieGrid(model, posters);
        details = new MovieDetailPane(posters, texts);
        java.awt.event.MouseAdapter doubleClick = new java.awt.event.MouseAdapter() {
            @Override
            public void mouseClicked(java.awt.event.MouseEvent e) {
                if (e.getClickCount() == 2 && window.connection().hasFeature("download_movie")) {
                    downloadSelected();
                }
            }
        };
        table.addMouseListener(doubleClick);
        grid.addMouseListener(doubleClick);
        table.getSelectionModel().addListSelectionListener(e -> details.show(selected()));
        grid.addListSelectionListener(e -> details.show(selected()));
        views.add(new JScrollPane(table), TABLE_VIEW);
        views.add(new JScrollPane(grid), GRID_VIEW);
        // The list takes what the window gains; the details keep the poster's width (and a scroll bar's).
        add(views, "span, split 2, grow, hmin 120");
        JScrollPane detailScroll = new JScrollPane(details, JScrollPane.VERTICAL_SCROLLBAR_AS_NEEDED,
                JScrollPane.HORIZONTAL_SCROLLBAR_NEVER);
        add(detailScroll, "growy, w " + (MovieDetailPane.POSTER_WIDTH + 40) + "!, wrap");
        total.setName("movies.total");
        add(total, "span");
        showTotal();
        model.addTableModelListener(e -> showTotal());
    }

    private void showTotal() {
        total.setText(window.texts().get("movie.total", String.valueOf(model.total())));
    }

    /** {@code -Dvidshare.client.cache-dir} (tests), else the user's cache directory. */
    private static Path cacheDir() {
        String override = System.getProperty("vidshare.client.cache-dir");
        return override != null ? Path.of(override) : PosterCache.defaultCacheDir();
    }

    private static final String TABLE_VIEW = "table";
    private static final String GRID_VIEW = "grid";

    /** "Table | Posters": two toggles over one model; the selection follows to the other view. */
    private JPanel viewSwitch(org.vidshare.client.swing.model.Texts texts) {
        JToggleButton asTable = new JToggleButton(texts.get("movie.view.table"), true);
        asTable.setName("movies.view.table");
        JToggleButton asGrid = new JToggleButton(texts.get("movie.view.grid"));
        asGrid.setName("movies.view.grid");
        ButtonGroup group = new ButtonGroup();
        group.add(asTable);
        group.add(asGrid);
        asTable.addActionListener(e -> showGrid(false));
        asGrid.addActionListener(e -> showGrid(true));
        JPanel buttons = new JPanel(new MigLayout("insets 0, gap 0"));
        buttons.add(asTable);
        buttons.add(asGrid);
        return buttons;
    }

    /** Shows the poster wall or the table, keeping the selected movie selected. */
    void showGrid(boolean grid) {
        MovieTableModel.Movie movie = selected();
        gridShown = grid;
        ((CardLayout) views.getLayout()).show(views, grid ? GRID_VIEW : TABLE_VIEW);
        if (movie != null) {
            select(movie.id());
        }
    }

    private void postersArrived() {
        table.repaint();
        grid.repaint();
        details.refresh();
    }

    /** A movie's poster in its table row; a dash where the movie has none. */
    private final class PosterRenderer extends DefaultTableCellRenderer {
        PosterRenderer() {
            setHorizontalAlignment(SwingConstants.CENTER);
        }

        @Override
        public Component getTableCellRendererComponent(JTable t, Object value, boolean selected, boolean focus,
                                                       int row, int column) {
            super.getTableCellRendererComponent(t, "", selected, focus, row, column);
            MovieTableModel.Movie movie = model.movie(t.convertRowIndexToModel(row));
            ImageIcon icon = movie.hasThumbnail() ? posters.icon(movie.id(), POSTER_WIDTH, POSTER_HEIGHT) : null;
            setIcon(icon);
            setText(icon == null ? "—" : "");
            return this;
        }
    }

    /** Where the posters of this server are cached (for the window test). */
    Path posterCacheDir() {
        return posters.dir();
    }

    /** Opens the selected movie's downloaded file in the system's player, or says why not. */
    private void playSelected() {
        MovieTableModel.Movie movie = selected();
        if (movie == null) {
            return;
        }
        var texts = window.texts();
        // Where a download of it was saved under its own name (DownloadNames decides it).
        Path file = DownloadNames.target(window.downloadDir(), movie.name(), movie.id(), taken -> false);
        if (!Files.isRegularFile(file)) {
            Ui.info(this, texts.get("button.play"), texts.get("play.not-downloaded", movie.name()));
            return;
        }
        DesktopOpen.open(this, texts, "button.play", file, "play.no-player", "play.failed");
    }

    /** A one-shot Swing timer: the search runs on the EDT, where the keystrokes come from. */
    private static Runnable later(Runnable task, long delayMillis) {
        javax.swing.Timer timer = new javax.swing.Timer((int) delayMillis, e -> task.run());
        timer.setRepeats(false);
        timer.start();
        return timer::stop;
    }

    /** Ctrl+F: the search box, its text selected so that typing replaces it. */
    void focusSearch() {
        search.requestFocusInWindow();
        search.selectAll();
    }

    /** Reads the list again; the selected movie stays selected (a refresh after a purchase moves nothing). */
    @Override
    public void reload() {
        if (window.connection().hasFeature("get_movie_list")) {
            java.util.concurrent.Executor keepingSelection = rows -> Ui.EDT.execute(() -> {
                MovieTableModel.Movie before = selected();
                rows.run();
                if (before != null) {
                    select(before.id());
                }
            });
            model.reload(window.connection(), keepingSelection).whenCompleteAsync((reply, failure) -> {
                if (failure != null) {
                    Ui.error(this, window.texts(), org.vidshare.client.swing.model.ErrorText.of(failure, window.texts(),
                            window.connection().address()));
                } else if (!reply.ok()) {
                    Ui.error(this, window.texts(), org.vidshare.client.swing.model.ErrorText.of(reply, window.texts()));
                }
            }, Ui.EDT);
        }
    }

    private MovieTableModel.Movie selected() {
        if (gridShown) {
            return grid.getSelectedValue();
        }
        int row = table.getSelectedRow();
        return row < 0 ? null : model.movie(table.convertRowIndexToModel(row));
    }

    /** Selects the row of a movie by id (for keyboard users and the window test). */
    void select(long movieId) {
        for (int i = 0; i < model.getRowCount(); i++) {
            if (model.movie(i).id() == movieId) {
                if (gridShown) {
                    grid.setSelectedIndex(i);
                    grid.ensureIndexIsVisible(i);
                } else {
                    int view = table.convertRowIndexToView(i);
                    table.getSelectionModel().setSelectionInterval(view, view);
                }
                return;
            }
        }
    }

    private void downloadSelected() {
        MovieTableModel.Movie movie = selected();
        if (movie == null) {
            return;
        }
        var texts = window.texts();
        if (movie.priceCents() > 0 && !Ui.confirm(this, texts.get("button.download"),
                texts.get("download.price", movie.name(), Formats.money(movie.priceCents())))) {
            return;
        }
        window.startDownload(movie);
    }

    void deleteSelected() {
        MovieTableModel.Movie movie = selected();
        if (movie == null) {
            return;
        }
        var texts = window.texts();
        if (Ui.confirm(this, texts.get("button.delete"), texts.get("delete.confirm", movie.name(), String.valueOf(movie.id())))) {
            Ui.call(this, window.connection(), texts, Map.of("type", "delete_movie", "delete_movie_id", movie.id()), reply -> reload());
        }
    }
}
