package org.vidshare.server.persistence;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A real, migrated database for a unit test of something that keeps rows: an H2 file, or a fresh
 * schema of the PostgreSQL that {@code VIDSHARE_TEST_POSTGRES} (with {@code _USER}, {@code _PASSWORD};
 * or the system properties {@code vidshare.test.postgres...}) names; without one the PostgreSQL
 * variants skip, saying so. Closing drops the schema.
 */
public final class TestDatabase implements AutoCloseable {
    private final Database database;
    private final Runnable cleanup;

    private TestDatabase(Database database, Runnable cleanup) {
        this.database = database;
        this.cleanup = cleanup;
    }

    public static TestDatabase h2(Path dir) {
        return new TestDatabase(Database.open(new JdbcTarget("jdbc:h2:file:" + dir.resolve("vidshare"), "sa", "")), () -> {
        });
    }

    public static TestDatabase postgres() throws SQLException {
        String url = setting("vidshare.test.postgres");
        assumeTrue(!url.isBlank(), "PostgreSQL variant skipped: set VIDSHARE_TEST_POSTGRES (and _USER, _PASSWORD)");
        String user = setting("vidshare.test.postgres.user");
        String password = setting("vidshare.test.postgres.password");
        String schema = "vs_unit_" + UUID.randomUUID().toString().replace("-", "");
        execute(url, user, password, "CREATE SCHEMA " + schema);
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDatabase(Database.open(new JdbcTarget(schemaUrl, user, password)), () -> {
            try {
                execute(url, user, password, "DROP SCHEMA " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        database.close();
        cleanup.run();
    }

    private static void execute(String url, String user, String password, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String setting(String property) {
        String value = System.getProperty(property, "");
        return value.isBlank() ? System.getenv().getOrDefault(property.toUpperCase(Locale.ROOT).replace('.', '_'), "") : value;
    }
}
