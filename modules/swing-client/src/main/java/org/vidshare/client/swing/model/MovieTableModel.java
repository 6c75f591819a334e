package org.vidshare.client.swing.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.swing.table.AbstractTableModel;
import org.vidshare.client.ClientReply;

/**
 * The movie list: the filter (all / free / charge and a search text) that makes the
 * {@code get_movie_list} request, and the rows of its reply. Cells hold raw values (ids, cents,
 * bytes, ISO times) so that sorting works; {@link #display} formats them.
 */
public final class MovieTableModel extends AbstractTableModel {
    public static final String[] TYPES = {"all", "free", "charge"};
    // The media columns come last so that the first six keep their indexes; the view shows the poster first.
    private static final String[] COLUMNS = {"movie.id", "movie.name", "movie.kind", "movie.price", "movie.size", "movie.date",
        "movie.duration", "movie.resolution", "movie.poster"};
    public static final int DURATION_COLUMN = 6;
    public static final int RESOLUTION_COLUMN = 7;
    public static final int POSTER_COLUMN = 8;

    /**
     * One row of {@code movie_list}; {@code priceCents} is what this user would pay now (0 for a paid
     * movie they own: {@code owned}). The media facts are null for a file that is no readable video
     * (or a server before version 1.1).
     */
    public record Movie(long id, String name, boolean free, long priceCents, long fileSize, String uploadTime,
                        Double durationSeconds, Integer width, Integer height, String videoCodec, String audioCodec,
                        boolean hasThumbnail, boolean owned) {
        public Movie(long id, String name, boolean free, long priceCents, long fileSize, String uploadTime) {
            this(id, name, free, priceCents, fileSize, uploadTime, null, null, null, null, null, false, false);
        }

        static Movie fromJson(JsonNode node) {
            return new Movie(node.path("id").asLong(), node.path("name").asText(), node.path("is_free").asInt(0) == 1,
                    node.path("price_cents").asLong(0), node.path("file_size").asLong(0), node.path("upload_time").asText(""),
                    node.path("duration_s").isNumber() ? node.path("duration_s").asDouble() : null,
                    node.path("width").isInt() ? node.path("width").asInt() : null,
                    node.path("height").isInt() ? node.path("height").asInt() : null,
                    node.path("video_codec").isTextual() ? node.path("video_codec").asText() : null,
                    node.path("audio_codec").isTextual() ? node.path("audio_codec").asText() : null,
                    node.path("has_thumbnail").asInt(0) == 1, node.path("is_owned").asInt(0) == 1);
        }

        /** "1920×1080", or empty when unknown. */
        public String resolution() {
            return width == null || height == null ? "" : width + "×" + height;
        }
    }

    private final Texts texts;
    private List<Movie> movies = List.of();
    private long total;
    private String movieType = "all";
    private String query = "";

    public MovieTableModel(Texts texts) {
        this.texts = texts;
    }

    public void setMovieType(String type) {
        if (!List.of(TYPES).contains(type)) {
            throw new IllegalArgumentException("movie type " + type);
        }
        this.movieType = type;
    }

    public String movieType() {
        return movieType;
    }

    public void setQuery(String text) {
        this.query = text == null ? "" : text.trim();
    }

    public String query() {
        return query;
    }

    /** The request for the current filter. */
    public Map<String, Object> request() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", "get_movie_list");
        request.put("movie_type", movieType);
        if (!query.isEmpty()) {
            request.put("query", query);
        }
        return request;
    }

    /**
     * Asks the server for the current filter; the rows change on the {@code ui} executor, and the
     * returned future completes after that with the reply (a failed reply leaves the rows as they were).
     */
    public CompletableFuture<ClientReply> reload(Connection connection, Executor ui) {
        return connection.call(request()).thenApplyAsync(reply -> {
            if (reply.ok()) {
                setReply(reply);
            }
            return reply;
        }, ui);
    }

    /** Takes the rows of a successful reply. Call on the EDT when a table shows this model. */
    public void setReply(ClientReply reply) {
        List<Movie> rows = new ArrayList<>();
        reply.list("movie_list").forEach(node -> rows.add(Movie.fromJson(node)));
        movies = List.copyOf(rows);
        total = reply.json().path("total").asLong(rows.size());
        fireTableDataChanged();
    }

    public List<Movie> movies() {
        return movies;
    }

    public Movie movie(int row) {
        return movies.get(row);
    }

    public long total() {
        return total;
    }

    @Override
    public int getRowCount() {
        return movies.size();
    }

    @Override
    public int getColumnCount() {
        return COLUMNS.length;
    }

    @Override
    public String getColumnName(int column) {
        return texts.get(COLUMNS[column]);
    }

    @Override
    public Class<?> getColumnClass(int column) {
        return switch (column) {
            case 0, 3, 4 -> Long.class;
            case DURATION_COLUMN -> Double.class;
            case POSTER_COLUMN -> Boolean.class;
            default -> String.class;
        };
    }

    @Override
    public Object getValueAt(int row, int column) {
        Movie movie = movies.get(row);
        return switch (column) {
            case 0 -> movie.id();
            case 1 -> movie.name();
            case 2 -> texts.get(movie.free() ? "movie.free" : "movie.charge");
            case 3 -> movie.priceCents();
            case 4 -> movie.fileSize();
            case 5 -> movie.uploadTime();
            case DURATION_COLUMN -> movie.durationSeconds();
            case RESOLUTION_COLUMN -> movie.resolution();
            default -> movie.hasThumbnail();
        };
    }

    /** The price cell: a paid movie this user bought says so ("Owned"), rather than a price of 0.00 like a free one. */
    private String price(Movie movie) {
        return movie.owned() && !movie.free() ? texts.get("movie.owned") : Formats.money(movie.priceCents());
    }

    /** The cell as the table shows it. */
    public String display(int row, int column) {
        Object value = getValueAt(row, column);
        return switch (column) {
            case 3 -> price(movies.get(row));
            case 4 -> Formats.size((Long) value);
            case 5 -> Formats.time((String) value);
            case DURATION_COLUMN -> value == null ? "" : Formats.duration(Math.round((Double) value));
            case POSTER_COLUMN -> "";
            default -> String.valueOf(value);
        };
    }
}
