package org.vidshare.plugin.getmovielist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The lower-cased names of one copy of the list, indexed for substring searches by the pairs of
 * adjacent characters they hold: a row whose name contains the query contains each of its pairs,
 * so only the rows listed under the query's rarest pair are compared with it, not every name (with
 * 1,000 names such as {@code movie-0042.mp4}, a search for "42" compares about 20 instead of 1,000).
 * A one-character query compares every name. Built once per copy, on the thread that reads it;
 * immutable after, so the requests of every thread share it.
 */
final class NameIndex {
    private static final int[] NONE = new int[0];

    private final List<MovieRow> rows;
    /** 0, 1, ... n-1: what a one-character query compares. */
    private final int[] everyRow;
    /** Each pair of adjacent characters (packed in an int) to the rows whose name holds it, ascending. */
    private final Map<Integer, int[]> rowsByPair;

    NameIndex(List<MovieRow> rows) {
        this.rows = rows;
        everyRow = new int[rows.size()];
        Arrays.setAll(everyRow, row -> row);
        Map<Integer, Postings> building = new HashMap<>();
        for (int row = 0; row < rows.size(); row++) {
            String name = rows.get(row).lowerName();
            for (int i = 0; i + 1 < name.length(); i++) {
                building.computeIfAbsent(pair(name, i), p -> new Postings()).add(row);
            }
        }
        Map<Integer, int[]> done = new HashMap<>(building.size() * 2);
        building.forEach((pair, postings) -> done.put(pair, postings.toArray()));
        rowsByPair = done;
    }

    /**
     * The rows that {@code keep} selects and whose name contains {@code query} (lower-cased, not
     * empty), in list order: how many, and those from the {@code offset}-th match on, at most
     * {@code limit}.
     */
    Matches search(String query, Predicate<MovieRow> keep, int offset, int limit) {
        long end = (long) offset + limit;
        List<MovieRow> page = new ArrayList<>((int) Math.min(limit, 32));
        int count = 0;
        for (int candidate : candidates(query)) {
            MovieRow row = rows.get(candidate);
            if (keep.test(row) && row.matches(query)) {
                if (count >= offset && count < end) {
                    page.add(row);
                }
                count++;
            }
        }
        return new Matches(count, page);
    }

    /** The rows listed under the query's rarest pair, ascending; every row for a one-character query. */
    private int[] candidates(String query) {
        int[] fewest = everyRow;
        for (int i = 0; i + 1 < query.length(); i++) {
            int[] listed = rowsByPair.getOrDefault(pair(query, i), NONE);
            if (listed.length < fewest.length) {
                fewest = listed;
            }
        }
        return fewest;
    }

    private static int pair(String text, int at) {
        return text.charAt(at) << 16 | text.charAt(at + 1);
    }

    record Matches(int count, List<MovieRow> page) {
    }

    /** One pair's rows while the index is built: ascending, each row once. */
    private static final class Postings {
        private int[] rows = new int[4];
        private int size;

        void add(int row) {
            if (size > 0 && rows[size - 1] == row) {
                return; // the pair occurs twice in this name
            }
            if (size == rows.length) {
                rows = Arrays.copyOf(rows, size * 2);
            }
            rows[size++] = row;
        }

        int[] toArray() {
            return Arrays.copyOf(rows, size);
        }
    }
}
