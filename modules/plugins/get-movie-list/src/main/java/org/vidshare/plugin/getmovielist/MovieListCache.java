package org.vidshare.plugin.getmovielist;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.MovieStorage;
import org.vidshare.core.spi.Transactions;
import org.vidshare.domain.Movie;

/**
 * The non-deleted movies in memory, newest first, so that a page is a filter and a slice instead of
 * a COUNT and a page query over the whole table. A copy is used while both hold:
 * <ul>
 *   <li>no transaction of this server has written a movie since it was read
 *       ({@link Transactions#writeVersion}): an upload, delete or media update here shows at once;</li>
 *   <li>it is younger than {@link #MAX_AGE_NANOS} (1 s): what another server on the same database
 *       changed, and a poster made in the background (a file, not a row), shows within a second.</li>
 * </ul>
 * A catalog larger than {@link #MAX_ROWS} is not kept (the memory of a small server's heap): those
 * pages come from the database, as before.
 */
final class MovieListCache {
    static final long MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** About 250 bytes a row and 4 per character of its name in the index: at most a few MiB of heap. */
    static final int MAX_ROWS = 10_000;

    /** The order of the list: ORDER BY uploadTime DESC, id DESC. */
    static final Comparator<MovieRow> NEWEST_FIRST = Comparator.comparingLong(MovieRow::uploadTime)
            .thenComparingLong(MovieRow::id).reversed();

    /**
     * One read of the catalog, newest first, with its free and its paid movies apart, so that a
     * {@code movie_type} page is a slice too, and its names indexed for a search; immutable, shared
     * by every request while it is current.
     */
    record Catalog(List<MovieRow> all, List<MovieRow> free, List<MovieRow> paid, NameIndex names) {
        static Catalog of(List<MovieRow> newestFirst) {
            List<MovieRow> all = List.copyOf(newestFirst);
            List<MovieRow> free = new ArrayList<>();
            List<MovieRow> paid = new ArrayList<>();
            for (MovieRow row : all) {
                (row.free() ? free : paid).add(row);
            }
            return new Catalog(all, List.copyOf(free), List.copyOf(paid), new NameIndex(all));
        }
    }

    /** One read of the catalog; {@code catalog} null: too many to keep. */
    private record Snapshot(long version, long readNanos, Catalog catalog) {
    }

    private volatile Snapshot current;

    /** The active movies newest first, or null when the catalog is too large to keep (use the database). */
    Catalog catalog(Transactions transactions, MovieStorage storage) throws CommandException {
        Snapshot snapshot = current;
        if (fresh(snapshot, transactions)) {
            return snapshot.catalog();
        }
        // A network thread must not wait for the lock a worker holds while it reads (the spec is fromMemory).
        transactions.mayWait();
        synchronized (this) {
            snapshot = current;
            if (!fresh(snapshot, transactions)) {
                snapshot = read(transactions, storage);
                current = snapshot;
            }
            return snapshot.catalog();
        }
    }

    private static boolean fresh(Snapshot snapshot, Transactions transactions) {
        return snapshot != null && System.nanoTime() - snapshot.readNanos() < MAX_AGE_NANOS
                && snapshot.version() == transactions.writeVersion(Movie.class);
    }

    private static Snapshot read(Transactions transactions, MovieStorage storage) throws CommandException {
        // Version and clock first: a write committed while the rows are read makes this copy stale at once.
        long version = transactions.writeVersion(Movie.class);
        long readNanos = System.nanoTime();
        Catalog catalog = transactions.inTransaction(em -> {
            List<Movie> movies = em.createQuery("SELECT m FROM Movie m WHERE m.deleted = :deleted", Movie.class)
                    // A parameter, not a literal: EclipseLink prints literal booleans as 0/1, which H2 2.x rejects.
                    .setParameter("deleted", false)
                    .setMaxResults(MAX_ROWS + 1)
                    .getResultList();
            if (movies.size() > MAX_ROWS) {
                return null;
            }
            List<MovieRow> list = new ArrayList<>(movies.size());
            for (Movie movie : movies) {
                list.add(MovieRow.of(movie, storage));
            }
            list.sort(NEWEST_FIRST);
            return Catalog.of(list);
        });
        return new Snapshot(version, readNanos, catalog);
    }
}
