package org.vidshare.client.swing.ui;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Dimension;
import javax.swing.AbstractListModel;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.ListCellRenderer;
import javax.swing.ListSelectionModel;
import javax.swing.SwingConstants;
import javax.swing.UIManager;
import javax.swing.event.TableModelEvent;
import org.vidshare.client.swing.model.Formats;
import org.vidshare.client.swing.model.MovieTableModel;

/**
 * The movie view's poster wall: one tile per movie (poster, name, length and resolution) in rows
 * that wrap with the window's width, over the same model as the table.
 */
final class MovieGrid extends JList<MovieTableModel.Movie> {
    static final int POSTER_WIDTH = 192;
    static final int POSTER_HEIGHT = 108;

    MovieGrid(MovieTableModel movies, PosterIcons posters) {
        super(new Rows(movies));
        setName("movies.grid");
        setLayoutOrientation(JList.HORIZONTAL_WRAP);
        setVisibleRowCount(-1);
        setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        setFixedCellWidth(POSTER_WIDTH + 24);
        setFixedCellHeight(POSTER_HEIGHT + 64);
        setCellRenderer(new Tile(posters));
    }

    /** The table model's rows as a list (the grid shows them in the server's order). */
    private static final class Rows extends AbstractListModel<MovieTableModel.Movie> {
        private final MovieTableModel movies;

        Rows(MovieTableModel movies) {
            this.movies = movies;
            movies.addTableModelListener(e -> {
                if (e.getType() == TableModelEvent.UPDATE && e.getFirstRow() != TableModelEvent.HEADER_ROW) {
                    fireContentsChanged(this, 0, Math.max(0, getSize() - 1));
                } else {
                    fireContentsChanged(this, 0, Integer.MAX_VALUE);
                }
            });
        }

        @Override
        public int getSize() {
            return movies.getRowCount();
        }

        @Override
        public MovieTableModel.Movie getElementAt(int index) {
            return movies.movie(index);
        }
    }

    /** One tile: the poster (or a dash), the name (plain text: it is the server's), length · resolution. */
    private static final class Tile extends JPanel implements ListCellRenderer<MovieTableModel.Movie> {
        private final PosterIcons posters;
        private final JLabel poster = new JLabel();
        private final JLabel name = PlainText.label("");
        private final JLabel facts = new JLabel();

        Tile(PosterIcons posters) {
            super(new BorderLayout(0, 2));
            this.posters = posters;
            setBorder(BorderFactory.createEmptyBorder(6, 6, 6, 6));
            poster.setHorizontalAlignment(SwingConstants.CENTER);
            poster.setPreferredSize(new Dimension(POSTER_WIDTH, POSTER_HEIGHT));
            name.setHorizontalAlignment(SwingConstants.CENTER);
            facts.setHorizontalAlignment(SwingConstants.CENTER);
            JPanel text = new JPanel(new BorderLayout());
            text.setOpaque(false);
            text.add(name, BorderLayout.NORTH);
            text.add(facts, BorderLayout.SOUTH);
            add(poster, BorderLayout.CENTER);
            add(text, BorderLayout.SOUTH);
        }

        @Override
        public Component getListCellRendererComponent(JList<? extends MovieTableModel.Movie> list,
                                                      MovieTableModel.Movie movie, int index, boolean selected,
                                                      boolean focused) {
            var icon = movie.hasThumbnail() ? posters.icon(movie.id(), POSTER_WIDTH, POSTER_HEIGHT) : null;
            poster.setIcon(icon);
            poster.setText(icon == null ? "—" : "");
            name.setText(movie.name());
            String length = movie.durationSeconds() == null ? "" : Formats.duration(Math.round(movie.durationSeconds()));
            facts.setText(String.join(" · ", java.util.stream.Stream.of(length, movie.resolution())
                    .filter(s -> !s.isEmpty()).toList()));
            setBackground(selected ? list.getSelectionBackground() : list.getBackground());
            name.setForeground(selected ? list.getSelectionForeground() : list.getForeground());
            facts.setForeground(selected ? list.getSelectionForeground() : UIManager.getColor("Label.disabledForeground"));
            return this;
        }
    }
}
