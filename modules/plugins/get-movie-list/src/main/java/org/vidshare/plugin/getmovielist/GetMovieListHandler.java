package org.vidshare.plugin.getmovielist;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.vidshare.core.protocol.ErrorCode;
import org.vidshare.core.protocol.Text;
import org.vidshare.core.spi.Audience;
import org.vidshare.core.spi.Caller;
import org.vidshare.core.spi.CommandContext;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.CommandHandler;
import org.vidshare.core.spi.CommandSpec;
import org.vidshare.core.spi.Column;
import org.vidshare.core.spi.ColumnKind;
import org.vidshare.core.spi.Field;
import org.vidshare.core.spi.FieldKind;
import org.vidshare.core.spi.Inputs;
import org.vidshare.core.spi.MovieStorage;
import org.vidshare.core.spi.Reply;
import org.vidshare.core.spi.Request;
import org.vidshare.core.spi.View;
import org.vidshare.domain.Movie;
import org.vidshare.domain.Pricing;
import org.vidshare.domain.User;
import org.vidshare.domain.Users;
import org.vidshare.domain.WireTime;

/**
 * {@code get_movie_list}: the non-deleted movies, newest first, filtered by kind and a literal,
 * case-insensitive name substring, one page at a time, each with the price THIS caller would pay now.
 */
public final class GetMovieListHandler implements CommandHandler {
    static final int MAX_LIMIT = 1000;

    private static final CommandSpec SPEC = CommandSpec.builder("get_movie_list", Audience.ANY_ACCOUNT)
            .label("电影列表", "Movies")
            .menu("电影", "Movies", 100)
            .field(Field.of("movie_type", FieldKind.CHOICE, Text.of("类型", "Kind"))
                    .choices("all", "free", "charge").optional())
            .field(Field.of("query", FieldKind.TEXT, Text.of("搜索", "Search")).optional())
            // A generic client's table; the Swing client shows its own movie panel instead.
            .view(View.list("movie_list",
                    Column.of("name", "名称", "Name", ColumnKind.TEXT),
                    Column.of("is_free", "免费", "Free", ColumnKind.BOOL),
                    Column.of("price_cents", "价格", "Price", ColumnKind.MONEY),
                    Column.of("is_owned", "已购买", "Owned", ColumnKind.BOOL),
                    Column.of("file_size", "大小", "Size", ColumnKind.SIZE),
                    Column.of("upload_time", "上传时间", "Uploaded", ColumnKind.DATE)))
            .build();

    /** Which movies a {@code movie_type} selects. */
    private enum Kind { ALL, FREE, CHARGE }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        Caller caller = context.requireCaller();
        Kind kind = kind(request);
        String query = request.optString("query").orElse("").toLowerCase(Locale.ROOT);
        int offset = request.has("offset") ? (int) Inputs.range(request, "offset", 0, Integer.MAX_VALUE) : 0;
        int limit = request.has("limit") ? (int) Inputs.range(request, "limit", 1, MAX_LIMIT) : Integer.MAX_VALUE;
        MovieStorage storage = context.requireFacility(MovieStorage.class);

        return context.transactions().inTransaction(em -> {
            long total = filtered(em, "SELECT COUNT(m) FROM Movie m", Long.class, kind, query, "").getSingleResult();
            List<Movie> page = filtered(em, "SELECT m FROM Movie m", Movie.class, kind, query,
                    " ORDER BY m.uploadTime DESC, m.id DESC")
                    .setFirstResult(offset).setMaxResults(limit).getResultList();
            PagePrices prices = prices(em, caller, page, context);
            List<Map<String, Object>> list = new ArrayList<>(page.size());
            for (Movie movie : page) {
                list.add(toWire(movie, prices.priceOf(movie), prices.owns(movie), storage));
            }
            return Reply.ok("查询成功", "Movie list").put("total", total).put("movie_list", list);
        });
    }

    private static Kind kind(Request request) throws CommandException {
        String value = request.optString("movie_type").orElse("all");
        return switch (value) {
            case "all" -> Kind.ALL;
            case "free" -> Kind.FREE;
            case "charge" -> Kind.CHARGE;
            default -> throw Request.invalid("movie_type", "必须是 all、free 或 charge", "must be all, free or charge");
        };
    }

    /**
     * The query with the shared filter. The search text is a literal: its {@code %} and {@code _} are
     * escaped with a backslash, the default LIKE escape of H2 and PostgreSQL. (Neither LOCATE nor an
     * ESCAPE clause: with either, EclipseLink inlines every parameter, booleans as 0/1, which H2 2.x
     * refuses to compare with a BOOLEAN column.)
     */
    private static <T> TypedQuery<T> filtered(EntityManager em, String select, Class<T> type, Kind kind, String query,
                                              String orderBy) {
        // Booleans as parameters: EclipseLink prints a literal false as 0, which H2 2.x refuses to compare.
        StringBuilder jpql = new StringBuilder(select).append(" WHERE m.deleted = :deleted");
        if (kind != Kind.ALL) {
            jpql.append(" AND m.free = :free");
        }
        if (!query.isEmpty()) {
            jpql.append(" AND LOWER(m.name) LIKE :query");
        }
        TypedQuery<T> typed = em.createQuery(jpql.append(orderBy).toString(), type).setParameter("deleted", false);
        if (kind != Kind.ALL) {
            typed.setParameter("free", kind == Kind.FREE);
        }
        if (!query.isEmpty()) {
            typed.setParameter("query", "%" + literal(query) + "%");
        }
        return typed;
    }

    /** A LIKE pattern that matches exactly {@code text}, with the default escape character (backslash). */
    static String literal(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** The caller's prices for one page: {@link Pricing#priceFor} with the page's purchases looked up at once. */
    private record PagePrices(Pricing pricing, User user, Set<Long> bought) {
        long priceOf(Movie movie) {
            return pricing.priceFor(movie, user, bought.contains(movie.getId()));
        }

        /** Whether the caller bought this paid movie (its price is then 0, but it is no free movie). */
        boolean owns(Movie movie) {
            return bought.contains(movie.getId());
        }
    }

    private static PagePrices prices(EntityManager em, Caller caller, List<Movie> page, CommandContext context)
            throws CommandException {
        User user = Users.byId(em, caller.userId()).orElseThrow(() -> CommandException.of(ErrorCode.NOT_LOGGED_IN));
        Pricing pricing = Pricing.from(context.settings());
        List<Long> charged = page.stream().filter(m -> !m.isFree()).map(Movie::getId).toList();
        if (user.isAdmin() || charged.isEmpty()) {
            return new PagePrices(pricing, user, Set.of());
        }
        List<Long> bought = em.createQuery(
                        "SELECT p.movieId FROM Purchase p WHERE p.userId = :user AND p.movieId IN :movies", Long.class)
                .setParameter("user", caller.userId())
                .setParameter("movies", charged)
                .getResultList();
        return new PagePrices(pricing, user, new HashSet<>(bought));
    }

    private static Map<String, Object> toWire(Movie movie, long priceCents, boolean owned, MovieStorage storage) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", movie.getId());
        entry.put("name", movie.getName());
        entry.put("is_free", movie.isFree() ? 1 : 0);
        entry.put("price_cents", priceCents);
        entry.put("is_owned", owned ? 1 : 0);
        entry.put("file_size", movie.getFileSize());
        entry.put("upload_time", WireTime.format(movie.getUploadTime()));
        // Media facts (null for a file that is no readable video); the poster exists once it was made.
        entry.put("duration_s", movie.getDurationSeconds());
        entry.put("width", movie.getWidth());
        entry.put("height", movie.getHeight());
        entry.put("video_codec", movie.getVideoCodec());
        entry.put("audio_codec", movie.getAudioCodec());
        entry.put("has_thumbnail", movie.hasMedia() && Files.exists(storage.posterOf(movie.getStoredName())) ? 1 : 0);
        return entry;
    }
}
