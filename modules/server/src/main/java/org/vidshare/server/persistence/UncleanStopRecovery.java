package org.vidshare.server.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded H2 file that a run left without closing it (killed, halted, the machine lost power)
 * is compacted before anything else opens it. H2 2.5 can leave a row written by a transaction that
 * was in flight when the process died, with no undo record: reading it works, but every later
 * {@code UPDATE} or {@code DELETE} of it spins in H2's row lock forever, ignoring the lock timeout,
 * and the server's start hung on the first one (releasing the previous run's upload leases).
 * {@code SHUTDOWN COMPACT} rewrites the file from its committed state, which drops such rows
 * (a plain-JDBC reproduction: docs/operations.md, "After an unclean stop").
 *
 * <p>A marker file beside the database says a run has it open: written at open, deleted at a clean
 * close. Only embedded {@code jdbc:h2:file:} URLs are covered; a database server (PostgreSQL, H2's
 * TCP server) recovers by itself.
 */
final class UncleanStopRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(UncleanStopRecovery.class);
    private static final String FILE_URL = "jdbc:h2:file:";
    /** Beside {@code name.mv.db}: {@code name.open}. */
    private static final String MARKER_SUFFIX = ".open";
    /** H2's ErrorCode.DATABASE_ALREADY_OPEN_1: another process has the file (H2's own file lock). */
    private static final int H2_DATABASE_IN_USE = 90020;

    /** What {@link #beforeOpen} returns: deletes the marker it wrote, at a clean close. */
    interface Marker {
        Marker NONE = () -> {
        };

        void cleared();
    }

    private UncleanStopRecovery() {
    }

    /**
     * Compacts the database if the marker of an earlier run is there, then writes this run's
     * marker. When another process has the file open, the marker is its own and is left alone
     * (opening the database then fails, as it did before). Throws if a compaction fails.
     */
    static Marker beforeOpen(JdbcTarget target) {
        Path marker = markerOf(target);
        if (marker == null) {
            return Marker.NONE;
        }
        if (Files.exists(marker) && !compact(target)) {
            // Another process has the file open, and the marker is its own: opening fails next, and says so.
            return Marker.NONE;
        }
        String mine = ProcessHandle.current().pid() + " " + Instant.now() + "\n";
        try {
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, mine);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + marker, e);
        }
        return () -> {
            try {
                // Only this run's own: a second server started at the same moment may have written
                // its marker since, and this one's failed open must not delete it.
                if (Files.exists(marker) && Files.readString(marker).equals(mine)) {
                    Files.delete(marker);
                }
            } catch (IOException e) {
                LOG.warn("cannot delete {}: the next start will compact the database", marker, e);
            }
        };
    }

    /**
     * The marker of an embedded H2 file database, or null for any other database. Never for a file
     * shared through {@code AUTO_SERVER}: a compaction there would connect through the other node
     * and shut its database down.
     */
    static Path markerOf(JdbcTarget target) {
        if (!target.isEmbedded() || !target.url().startsWith(FILE_URL)) {
            return null;
        }
        String path = target.url().substring(FILE_URL.length());
        int options = path.indexOf(';');
        return Path.of((options < 0 ? path : path.substring(0, options)) + MARKER_SUFFIX);
    }

    /** Compacts the database; false when another process has it open (nothing done). */
    private static boolean compact(JdbcTarget target) {
        long started = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(target.url(), target.user(), target.password());
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
        } catch (SQLException e) {
            if (e.getErrorCode() == H2_DATABASE_IN_USE) {
                return false;
            }
            throw new IllegalStateException("cannot compact " + target + " after an unclean stop: " + e.getMessage(), e);
        }
        LOG.warn("the last run on {} did not close it (killed or crashed): compacted it before use, in {} ms", target,
                (System.nanoTime() - started) / 1_000_000);
        return true;
    }
}
