package org.vidshare.domain;

import java.sql.SQLException;

/**
 * What the database's unique keys decide where several server nodes share it: a write refused by
 * one (SQL state 23505, the same on H2 and PostgreSQL) lost a race that no lock in one process could
 * have seen.
 */
public final class UniqueKeys {
    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueKeys() {
    }

    /** Whether {@code failure}, or a cause of it, is a unique key refusing a row. */
    public static boolean violatedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
