package org.vidshare.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.vidshare.domain.LedgerEntry;

/**
 * The invariants a crash must never break, read straight from the stopped server's H2 file and
 * storage directory (not through the server, which could hide a broken row): every movie row has
 * its stored file, of the right size, and every stored file its row (but for the files named as
 * unpublished: left by a crash between a publish's move and its commit, which the server moves to
 * orphans/ once they are old); every balance is the sum of its
 * ledger and never negative; every movie charge has its purchase and the reverse; a paid download
 * record has its purchase.
 */
final class StoreInvariants {
    private StoreInvariants() {
    }

    /** Checks every invariant on a data directory whose server is closed. */
    static void check(Path dataDir, String jdbcUrl) throws IOException, SQLException {
        check(dataDir, jdbcUrl, Set.of());
    }

    /** As {@link #check(Path, String)}, where exactly the {@code unpublished} stored files have no row. */
    static void check(Path dataDir, String jdbcUrl, Set<String> unpublished) throws IOException, SQLException {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "sa", "")) {
            moviesMatchTheirFiles(db, dataDir.resolve("movies"), unpublished);
            balancesAreTheirLedgers(db);
            chargesArePurchases(db);
            paidRecordsArePurchases(db);
        }
    }

    private static void moviesMatchTheirFiles(Connection db, Path moviesDir, Set<String> unpublished)
            throws IOException, SQLException {
        Map<String, Long> rows = new HashMap<>();
        for (List<Object> row : rows(db, "SELECT STORED_NAME, FILE_SIZE FROM VS_MOVIE")) {
            rows.put((String) row.get(0), ((Number) row.get(1)).longValue());
        }
        Set<String> files;
        try (Stream<Path> list = Files.list(moviesDir)) {
            files = list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(rows.keySet().stream().filter(unpublished::contains).toList()).as("rows naming an unpublished file")
                .isEmpty();
        Set<String> expected = new TreeSet<>(rows.keySet());
        expected.addAll(unpublished);
        assertThat(files).as("stored movie files = the stored names of VS_MOVIE + the unpublished " + unpublished)
                .isEqualTo(expected);
        for (Map.Entry<String, Long> row : rows.entrySet()) {
            assertThat(Files.size(moviesDir.resolve(row.getKey()))).as("size of " + row.getKey()).isEqualTo(row.getValue());
        }
    }

    private static void balancesAreTheirLedgers(Connection db) throws SQLException {
        List<List<Object>> users = rows(db, "SELECT u.ID, u.NAME, u.BALANCE_CENTS,"
                + " (SELECT COALESCE(SUM(e.AMOUNT_CENTS), 0) FROM VS_LEDGER e WHERE e.USER_ID = u.ID) FROM VS_USER u");
        assertThat(users).as("accounts").isNotEmpty();
        for (List<Object> user : users) {
            long balance = ((Number) user.get(2)).longValue();
            assertThat(balance).as("balance of %s is the sum of its ledger", user.get(1))
                    .isEqualTo(((Number) user.get(3)).longValue());
            assertThat(balance).as("balance of %s", user.get(1)).isNotNegative();
        }
        assertThat(rows(db, "SELECT e.ID FROM VS_LEDGER e WHERE NOT EXISTS (SELECT 1 FROM VS_USER u WHERE u.ID = e.USER_ID)"))
                .as("ledger entries of no account").isEmpty();
    }

    private static void chargesArePurchases(Connection db) throws SQLException {
        String movie = "'" + LedgerEntry.MOVIE + "'";
        assertThat(rows(db, "SELECT e.ID, e.USER_ID, e.MOVIE_ID FROM VS_LEDGER e WHERE e.KIND = " + movie
                + " AND NOT EXISTS (SELECT 1 FROM VS_PURCHASE p WHERE p.USER_ID = e.USER_ID"
                + " AND p.MOVIE_ID = e.MOVIE_ID AND p.PRICE_CENTS = -e.AMOUNT_CENTS)"))
                .as("movie charges without their purchase").isEmpty();
        assertThat(rows(db, "SELECT p.ID, p.USER_ID, p.MOVIE_ID FROM VS_PURCHASE p WHERE p.PRICE_CENTS > 0"
                + " AND (SELECT COUNT(*) FROM VS_LEDGER e WHERE e.KIND = " + movie + " AND e.USER_ID = p.USER_ID"
                + " AND e.MOVIE_ID = p.MOVIE_ID AND e.AMOUNT_CENTS = -p.PRICE_CENTS) <> 1"))
                .as("purchases without exactly one charge").isEmpty();
    }

    private static void paidRecordsArePurchases(Connection db) throws SQLException {
        assertThat(rows(db, "SELECT r.ID, r.USER_ID, r.MOVIE_ID FROM VS_DOWNLOAD_RECORD r WHERE r.PRICE_CENTS > 0"
                + " AND NOT EXISTS (SELECT 1 FROM VS_PURCHASE p WHERE p.USER_ID = r.USER_ID AND p.MOVIE_ID = r.MOVIE_ID"
                + " AND p.PRICE_CENTS = r.PRICE_CENTS)"))
                .as("paid download records without their purchase").isEmpty();
        assertThat(rows(db, "SELECT p.ID FROM VS_PURCHASE p WHERE NOT EXISTS (SELECT 1 FROM VS_DOWNLOAD_RECORD r"
                + " WHERE r.USER_ID = p.USER_ID AND r.MOVIE_ID = p.MOVIE_ID AND r.PRICE_CENTS = p.PRICE_CENTS)"))
                .as("purchases without the download record that made them").isEmpty();
    }

    /** Every row of a query, as lists of column values. */
    static List<List<Object>> rows(Connection db, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The number a single-value query returns. */
    static long count(String jdbcUrl, String sql) throws SQLException {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "sa", "")) {
            return ((Number) rows(db, sql).get(0).get(0)).longValue();
        }
    }
}
