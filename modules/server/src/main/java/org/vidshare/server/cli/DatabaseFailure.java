package org.vidshare.server.cli;

import java.sql.SQLException;

/**
 * Turns a failure to open the database into a sentence an operator can act on. The common case
 * is an embedded H2 file held by a running server: H2 allows one process per file.
 */
final class DatabaseFailure {
    /** H2's "Database may be already in use" (org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1). */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    private DatabaseFailure() {
    }

    /** Whether the failure, or one of its causes, says another process holds the database. */
    static boolean isInUse(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().contains("already in use")) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable failure, String jdbcUrl) {
        if (isInUse(failure)) {
            return "the database " + jdbcUrl + " is in use by another process (is a VidShare server running"
                    + " on this data directory?); stop it first";
        }
        return "cannot open the database " + jdbcUrl + ": " + rootMessage(failure);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
