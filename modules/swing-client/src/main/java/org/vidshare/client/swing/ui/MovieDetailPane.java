package org.vidshare.client.swing.ui;

import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingConstants;
import net.miginfocom.swing.MigLayout;
import org.vidshare.client.swing.model.MovieDetails;
import org.vidshare.client.swing.model.MovieTableModel;
import org.vidshare.client.swing.model.Texts;

/** The selected movie beside the list: its poster at full size, its name and {@link MovieDetails}. */
final class MovieDetailPane extends JPanel {
    static final int POSTER_WIDTH = 320;
    static final int POSTER_HEIGHT = 180;
    private final PosterIcons posters;
    private final Texts texts;
    private MovieTableModel.Movie shown;

    MovieDetailPane(PosterIcons posters, Texts texts) {
        super(new MigLayout("insets 8, wrap 2, hidemode 3", "[right][grow,fill]", "[]"));
        this.posters = posters;
        this.texts = texts;
        setName("movies.details");
        show(null);
    }

    /** Shows a movie, or the hint to pick one when {@code movie} is null. */
    void show(MovieTableModel.Movie movie) {
        shown = movie;
        removeAll();
        if (movie == null) {
            add(new JLabel(texts.get("movie.details.none")), "span 2");
        } else {
            JLabel poster = new JLabel();
            poster.setName("movies.details.poster");
            poster.setHorizontalAlignment(SwingConstants.CENTER);
            var icon = movie.hasThumbnail() ? posters.icon(movie.id(), POSTER_WIDTH, POSTER_HEIGHT) : null;
            poster.setIcon(icon);
            poster.setText(icon == null ? "—" : "");
            add(poster, "span 2, w " + POSTER_WIDTH + "!, h " + POSTER_HEIGHT + "!, align center");
            JLabel name = PlainText.label(movie.name());
            name.setName("movies.details.name");
            name.putClientProperty("FlatLaf.styleClass", "h3");
            add(name, "span 2, gaptop 6");
            for (MovieDetails.Line line : MovieDetails.of(movie, texts)) {
                add(new JLabel(line.label() + ":"));
                add(PlainText.label(line.value()));
            }
        }
        revalidate();
        repaint();
    }

    /** Redraws the shown movie (its poster may have arrived). */
    void refresh() {
        show(shown);
    }
}
