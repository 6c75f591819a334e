package org.vidshare.plugin.getmovielist;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vidshare.core.protocol.EncodedObject;
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

/**
 * {@code get_movie_list}: the non-deleted movies, newest first, filtered by kind and a literal,
 * case-insensitive name substring, one page at a time, each with the price THIS caller would pay now.
 * The list and the caller's pricing facts come from memory ({@link MovieListCache}, {@link BuyerCache}):
 * current for this server's own writes, at most a second behind other servers' on the same database.
 */
public final class GetMovieListHandler implements CommandHandler {
    static final int MAX_LIMIT = 1000;

    private static final CommandSpec SPEC = CommandSpec.builder("get_movie_list", Audience.ANY_ACCOUNT)
            .label("电影列表", "Movies")
            .menu("电影", "Movies", 100)
            // Pages come from the in-memory list: served on the network thread until a copy must be read.
            .fromMemory()
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

    /** What a row says of the caller, after the fields that are the same for everybody ({@link MovieRow}). */
    private static final EncodedObject.Names CALLER_FIELDS = EncodedObject.names("price_cents", "is_owned");

    /** Which movies a {@code movie_type} selects. */
    private enum Kind {
        ALL, FREE, CHARGE;

        boolean selects(MovieRow row) {
            return this == ALL || row.free() == (this == FREE);
        }
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    /** This server's copies; the handler lives as long as the server that loaded it. */
    private final MovieListCache movies = new MovieListCache();
    private final BuyerCache buyers = new BuyerCache();

    @Override
    public Reply handle(Request request, CommandContext context) throws CommandException {
        Caller caller = context.requireCaller();
        Kind kind = kind(request);
        String query = request.optString("query").orElse("").toLowerCase(Locale.ROOT);
        int offset = request.has("offset") ? (int) Inputs.range(request, "offset", 0, Integer.MAX_VALUE) : 0;
        int limit = request.has("limit") ? (int) Inputs.range(request, "limit", 1, MAX_LIMIT) : Integer.MAX_VALUE;
        MovieStorage storage = context.requireFacility(MovieStorage.class);

        MovieListCache.Catalog catalog = movies.catalog(context.transactions(), storage);
        Page page = catalog != null ? Page.of(catalog, kind, query, offset, limit)
                : fromDatabase(context, storage, kind, query, offset, limit);
        BuyerCache.Buyer buyer = buyers.of(caller.userId(), context.transactions());
        Pricing pricing = Pricing.from(context.settings());
        List<Object> list = new ArrayList<>(page.rows().size());
        for (MovieRow row : page.rows()) {
            boolean bought = buyer.bought().contains(row.id());
            // Owned: a paid movie this user bought (its price is then 0, but it is no free movie).
            boolean owned = bought && !row.free() && !buyer.admin();
            list.add(row.wire().plus(CALLER_FIELDS, pricing.priceFor(row.free(), buyer.admin(), buyer.vip(), bought),
                    owned ? 1 : 0));
        }
        return Reply.ok("查询成功", "Movie list").put("total", page.total()).put("movie_list", list);
    }

    /** One page of the filtered list and how many rows the filter selects. */
    private record Page(long total, List<MovieRow> rows) {
        /**
         * The page from the cached list (newest first): the filter of {@link GetMovieListHandler#filtered}.
         * A kind alone is a slice of its own list; a search goes through the list's name index.
         */
        static Page of(MovieListCache.Catalog catalog, Kind kind, String query, int offset, int limit) {
            if (query.isEmpty()) {
                List<MovieRow> rows = switch (kind) {
                    case ALL -> catalog.all();
                    case FREE -> catalog.free();
                    case CHARGE -> catalog.paid();
                };
                return slice(rows, offset, limit);
            }
            NameIndex.Matches matches = catalog.names().search(query, kind::selects, offset, limit);
            return new Page(matches.count(), matches.page());
        }

        private static Page slice(List<MovieRow> selected, int offset, int limit) {
            int from = Math.min(offset, selected.size());
            int to = (int) Math.min((long) offset + limit, selected.size());
            return new Page(selected.size(), selected.subList(from, to));
        }
    }

    /** A catalog too large for {@link MovieListCache}: the page query and a count, in the database. */
    private static Page fromDatabase(CommandContext context, MovieStorage storage, Kind kind, String query, int offset,
                                     int limit) throws CommandException {
        return context.transactions().inTransaction(em -> {
            long total = filtered(em, "SELECT COUNT(m) FROM Movie m", Long.class, kind, query, "").getSingleResult();
            List<Movie> movies = filtered(em, "SELECT m FROM Movie m", Movie.class, kind, query,
                    " ORDER BY m.uploadTime DESC, m.id DESC").setFirstResult(offset).setMaxResults(limit).getResultList();
            List<MovieRow> rows = new ArrayList<>(movies.size());
            for (Movie movie : movies) {
                rows.add(MovieRow.of(movie, storage));
            }
            return new Page(total, rows);
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
}
