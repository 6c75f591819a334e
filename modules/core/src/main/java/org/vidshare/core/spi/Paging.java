package org.vidshare.core.spi;

/**
 * One page of a list (PROTOCOL.md section 7, Paged lists): {@code offset} rows skipped, at most
 * {@code limit} rows returned, newest first; the reply carries {@code total} beside the list. The
 * one place the paging keys are read and checked, so every paged list takes them alike.
 */
public record Paging(int offset, int limit) {
    /** The key of a paged reply that carries how many rows the whole list has. */
    public static final String TOTAL = "total";

    /** The limit a request gets when it names none, and the largest it may name. */
    public record Rules(int defaultLimit, int maxLimit) {
        /** Protocol v1: 50 rows unless asked, at most 500. */
        public static final Rules NATIVE = new Rules(50, 500);

        public Rules {
            if (defaultLimit < 1 || defaultLimit > maxLimit) {
                throw new IllegalArgumentException("default limit " + defaultLimit + " outside 1.." + maxLimit);
            }
        }
    }

    /** The page a request asks for under {@code rules}: {@code invalid} for an offset below 0 or a limit out of range. */
    public static Paging of(Request request, Rules rules) throws CommandException {
        int offset = request.has("offset") ? (int) Inputs.range(request, "offset", 0, Integer.MAX_VALUE) : 0;
        int limit = request.has("limit") ? (int) Inputs.range(request, "limit", 1, rules.maxLimit()) : rules.defaultLimit();
        return new Paging(offset, limit);
    }
}
