package org.vidshare.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL database the suite may use: {@code -Dvidshare.test.postgres=jdbc:postgresql://...}
 * (or the environment variable {@code VIDSHARE_TEST_POSTGRES}, which {@code .ci/run} sets), with
 * {@code .user} / {@code .password} beside it. Without one the PostgreSQL tests skip, saying so.
 * Each test works in a schema of its own, dropped afterwards.
 */
final class PostgresSupport {
    static final String URL = setting("vidshare.test.postgres", "");
    static final String USER = setting("vidshare.test.postgres.user", "vidshare");
    static final String PASSWORD = setting("vidshare.test.postgres.password", "");

    private PostgresSupport() {
    }

    /** Skips the test, with the reason, when no database was given. */
    static void assumeAvailable() {
        assumeTrue(!URL.isBlank(), "PostgreSQL tests skipped: set -Dvidshare.test.postgres=jdbc:postgresql://HOST:PORT/DB"
                + " (or VIDSHARE_TEST_POSTGRES; and .user / .password) to run them; .ci/run does");
    }

    /** A fresh schema's name. */
    static String newSchema() throws SQLException {
        String schema = "vs_test_" + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE SCHEMA " + schema);
        return schema;
    }

    static void dropSchema(String schema) throws SQLException {
        execute("DROP SCHEMA " + schema + " CASCADE");
    }

    /** The JDBC URL of a schema. */
    static String urlOf(String schema) {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A system property, else the environment variable of the same name (upper case, dots as underscores). */
    private static String setting(String property, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(property.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
