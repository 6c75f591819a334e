package org.vidshare.plugin.getmovielist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The lower-cased names of one list of rows joined into one string, for substring searches: one
 * {@link String#indexOf} over the whole text (which the JIT runs as a vector loop) instead of a
 * {@code contains} per row. Names are kept apart by a separator: a query without it cannot match
 * across two names, and a match maps to its row by position (so a name may hold the separator
 * itself); a query holding it is searched row by row.
 */
final class NameIndex {
    private static final char SEPARATOR = '\n';

    private final List<MovieRow> rows;
    private final String text;
    /** Where each row's name starts in {@link #text}, ascending; one more entry past the end. */
    private final int[] starts;

    NameIndex(List<MovieRow> rows) {
        this.rows = rows;
        StringBuilder joined = new StringBuilder(rows.size() * 24);
        starts = new int[rows.size() + 1];
        for (int i = 0; i < rows.size(); i++) {
            starts[i] = joined.length();
            joined.append(rows.get(i).lowerName()).append(SEPARATOR);
        }
        starts[rows.size()] = joined.length();
        text = joined.toString();
    }

    /**
     * The rows whose name contains {@code query} (lower-cased, not empty), in list order: how many,
     * and those from the {@code offset}-th match on, at most {@code limit}.
     */
    Matches search(String query, int offset, int limit) {
        long end = (long) offset + limit;
        List<MovieRow> page = new ArrayList<>((int) Math.min(limit, 32));
        int count = 0;
        if (query.indexOf(SEPARATOR) >= 0) {
            for (MovieRow row : rows) {
                if (row.matches(query)) {
                    count = add(page, row, count, offset, end);
                }
            }
            return new Matches(count, page);
        }
        int from = 0;
        int at;
        while ((at = text.indexOf(query, from)) >= 0) {
            int row = rowAt(at);
            count = add(page, rows.get(row), count, offset, end);
            from = starts[row + 1]; // one match per row: go on at the next name
        }
        return new Matches(count, page);
    }

    private static int add(List<MovieRow> page, MovieRow row, int count, int offset, long end) {
        if (count >= offset && count < end) {
            page.add(row);
        }
        return count + 1;
    }

    /** The row whose name holds position {@code at} of the text. */
    private int rowAt(int at) {
        int found = Arrays.binarySearch(starts, at);
        return found >= 0 ? found : -found - 2;
    }

    record Matches(int count, List<MovieRow> page) {
    }
}
