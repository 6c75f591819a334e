package org.vidshare.client.swing.ui;

import java.awt.Component;
import java.awt.Desktop;
import java.awt.Image;
import javax.swing.SwingConstants;
import javax.swing.table.DefaultTableCellRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.swing.ImageIcon;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import net.miginfocom.swing.MigLayout;
import org.vidshare.client.swing.model.Formats;
import org.vidshare.client.swing.model.DownloadNames;
import org.vidshare.client.swing.model.MovieTableModel;
import org.vidshare.client.swing.model.PosterCache;

/**
 * The movie list with posters, length and resolution: filter, search, and the actions on the selected
 * movie (download, play once downloaded; admins: delete, upload).
 */
final class MoviePanel extends JPanel {
    private final ClientWindow window;
    private final MovieTableModel model;
    private final JTable table;
    private final JLabel total = new JLabel();
    private static final int POSTER_WIDTH = 128;
    private static final int POSTER_HEIGHT = 72;
    private final PosterCache posters;
    /** Scaled poster icons by movie id, made once per poster (reading a JPEG per repaint would crawl). */
    private final Map<Long, ImageIcon> icons = new java.util.HashMap<>();

    MoviePanel(ClientWindow window, MovieTableModel model) {
        super(new MigLayout("insets 8, fill", "[][grow,fill][][]push[][][]", "[][grow,fill][]"));
        this.window = window;
        this.model = model;
        this.posters = new PosterCache(cacheDir(), window.connection().host(), window.connection().port());
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
        JTextField search = new JTextField(model.query(), 24);
        search.setName("movies.search");
        search.putClientProperty("JTextField.placeholderText", texts.get("search.hint"));
        search.putClientProperty("JTextField.showClearButton", true);
        search.addActionListener(e -> {
            model.setQuery(search.getText());
            reload();
        });
        add(filter);
        add(search);
        add(Ui.button("movies.search.go", texts.get("button.refresh"), () -> {
            model.setQuery(search.getText());
            reload();
        }));
        add(new JLabel());
        if (window.connection().hasFeature("download_movie")) {
            JButton download = Ui.button("movies.download", texts.get("button.download"), this::downloadSelected);
            add(download);
        }
        if (window.connection().hasFeature("download_movie")) {
            add(Ui.button("movies.play", texts.get("button.play"), this::playSelected));
        }
        if (window.connection().hasFeature("delete_movie")) {
            add(Ui.button("movies.delete", texts.get("button.delete"), this::deleteSelected));
        }
        if (window.connection().hasFeature("upload_movie")) {
            add(Ui.button("movies.upload", texts.get("button.upload"), window::showUpload));
        }
        add(new JLabel(), "wrap");

        table = Tables.movies(model);
        // Posters: the model's last column, shown first; rows as tall as a poster's row image.
        table.getColumnModel().getColumn(MovieTableModel.POSTER_COLUMN).setCellRenderer(new PosterRenderer());
        table.getColumnModel().getColumn(MovieTableModel.POSTER_COLUMN).setPreferredWidth(POSTER_WIDTH + 8);
        table.getColumnModel().getColumn(MovieTableModel.POSTER_COLUMN).setMaxWidth(POSTER_WIDTH + 8);
        table.moveColumn(MovieTableModel.POSTER_COLUMN, 0);
        table.setRowHeight(POSTER_HEIGHT + 6);
        table.addMouseListener(new java.awt.event.MouseAdapter() {
            @Override
            public void mouseClicked(java.awt.event.MouseEvent e) {
                if (e.getClickCount() == 2 && window.connection().hasFeature("download_movie")) {
                    downloadSelected();
                }
            }
        });
        add(new JScrollPane(table), "span, grow, wrap");
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

    /** A movie's poster from the disk cache, fetched on first sight; a dash where the movie has none. */
    private final class PosterRenderer extends DefaultTableCellRenderer {
        PosterRenderer() {
            setHorizontalAlignment(SwingConstants.CENTER);
        }

        @Override
        public Component getTableCellRendererComponent(JTable t, Object value, boolean selected, boolean focus,
                                                       int row, int column) {
            super.getTableCellRendererComponent(t, "", selected, focus, row, column);
            MovieTableModel.Movie movie = model.movie(t.convertRowIndexToModel(row));
            ImageIcon icon = movie.hasThumbnail() ? iconOf(movie.id()) : null;
            setIcon(icon);
            setText(icon == null ? "—" : "");
            return this;
        }
    }

    private ImageIcon iconOf(long movieId) {
        ImageIcon icon = icons.get(movieId);
        if (icon != null) {
            return icon;
        }
        Optional<Path> file = posters.cached(movieId);
        if (file.isPresent()) {
            ImageIcon full = new ImageIcon(file.get().toString());
            if (full.getIconWidth() > 0) {
                int height = Math.min(POSTER_HEIGHT, full.getIconHeight() * POSTER_WIDTH / full.getIconWidth());
                int width = full.getIconWidth() * height / Math.max(1, full.getIconHeight());
                icon = new ImageIcon(full.getImage().getScaledInstance(width, height, Image.SCALE_SMOOTH));
                icons.put(movieId, icon);
                return icon;
            }
            return null;
        }
        posters.fetch(window.connection(), movieId).thenAcceptAsync(fetched -> {
            if (fetched.isPresent()) {
                table.repaint();
            }
        }, Ui.EDT);
        return null;
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
        if (!Desktop.isDesktopSupported() || !Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
            Ui.info(this, texts.get("button.play"), texts.get("play.no-player", file.toString()));
            return;
        }
        // Desktop.open may block while the desktop starts the player: not on the EDT.
        CompletableFuture.runAsync(() -> {
            try {
                Desktop.getDesktop().open(file.toFile());
            } catch (IOException | RuntimeException e) {
                Ui.EDT.execute(() -> Ui.error(this, texts, texts.get("play.failed", file.toString(), String.valueOf(e.getMessage()))));
            }
        });
    }

    /** Reads the list again; the selected movie stays selected (a refresh after a purchase moves nothing). */
    void reload() {
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
        int row = table.getSelectedRow();
        return row < 0 ? null : model.movie(table.convertRowIndexToModel(row));
    }

    /** Selects the row of a movie by id (for keyboard users and the window test). */
    void select(long movieId) {
        for (int i = 0; i < model.getRowCount(); i++) {
            if (model.movie(i).id() == movieId) {
                int view = table.convertRowIndexToView(i);
                table.getSelectionModel().setSelectionInterval(view, view);
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

    private void deleteSelected() {
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
