package org.vidshare.client.swing.ui;

import java.util.Map;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import net.miginfocom.swing.MigLayout;
import org.vidshare.client.swing.model.Formats;
import org.vidshare.client.swing.model.MovieTableModel;

/** The movie list: filter, search, and the actions on the selected movie (download; admins: delete, upload). */
final class MoviePanel extends JPanel {
    private final ClientWindow window;
    private final MovieTableModel model;
    private final JTable table;
    private final JLabel total = new JLabel();

    MoviePanel(ClientWindow window, MovieTableModel model) {
        super(new MigLayout("insets 8, fill", "[][grow,fill][][]push[][][]", "[][grow,fill][]"));
        this.window = window;
        this.model = model;
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
        if (window.connection().hasFeature("delete_movie")) {
            add(Ui.button("movies.delete", texts.get("button.delete"), this::deleteSelected));
        }
        if (window.connection().hasFeature("upload_movie")) {
            add(Ui.button("movies.upload", texts.get("button.upload"), window::showUpload));
        }
        add(new JLabel(), "wrap");

        table = Tables.movies(model);
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

    void reload() {
        if (window.connection().hasFeature("get_movie_list")) {
            model.reload(window.connection(), Ui.EDT).whenCompleteAsync((reply, failure) -> {
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
