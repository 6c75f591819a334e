package org.vidshare.server.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;

/**
 * One HikariCP pool per server node, shared by Flyway and EclipseLink. The first connection is made
 * by hand before the pool exists: a database in use or a wrong URL or password then fails as one
 * plain {@link PersistenceException} whose cause is the driver's own {@link SQLException}, instead
 * of a pool that logs a stack trace on its own and retries.
 */
final class ConnectionPool {
    /** EclipseLink's own pool had this many before; request workers default to 16, plus transfers. */
    private static final int MAX_CONNECTIONS = 32;

    private ConnectionPool() {
    }

    static HikariDataSource open(JdbcTarget target) {
        String url = durable(target.url());
        try (Connection probe = DriverManager.getConnection(url, target.user(), target.password())) {
            probe.isValid(0);
        } catch (SQLException e) {
            throw new PersistenceException("cannot connect to " + target + ": " + e.getMessage(), e);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("vidshare-db");
        config.setJdbcUrl(url);
        config.setUsername(target.user());
        config.setPassword(target.password());
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        // Idle connections go down to a few: an embedded H2 file costs memory per connection, and a
        // shared PostgreSQL has a connection limit that several nodes divide.
        config.setMinimumIdle(2);
        return new HikariDataSource(config);
    }

    /**
     * H2 writes a committed transaction to its file only up to {@code WRITE_DELAY} (500 ms) later: a
     * server that dies in that window loses work it already reported done (a paid purchase, a
     * published movie whose file is in place; CrashConsistencyTest). {@code WRITE_DELAY=0} writes
     * at each commit, so a commit survives a process crash. The setting is not kept in the file, so
     * it goes on every URL that does not choose its own.
     */
    static String durable(String jdbcUrl) {
        boolean h2File = jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:h2:mem:");
        if (!h2File || jdbcUrl.toUpperCase(Locale.ROOT).contains("WRITE_DELAY")) {
            return jdbcUrl;
        }
        return jdbcUrl + (jdbcUrl.endsWith(";") ? "" : ";") + "WRITE_DELAY=0";
    }
}
