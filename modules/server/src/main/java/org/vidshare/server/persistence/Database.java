package org.vidshare.server.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.Transactions;

/**
 * EclipseLink over JDBC (an embedded H2 file by default). The schema is created or extended at
 * start; every unit of work gets its own EntityManager and transaction.
 */
public final class Database implements Transactions, AutoCloseable {
    private final EntityManagerFactory factory;

    private Database(EntityManagerFactory factory) {
        this.factory = factory;
    }

    public static Database open(String jdbcUrl) {
        return open(jdbcUrl, false);
    }

    /**
     * Opens the database; {@code quiet} silences EclipseLink's own log, for command-line tools that
     * report a failure themselves in one plain sentence.
     */
    public static Database open(String configuredUrl, boolean quiet) {
        String jdbcUrl = durable(configuredUrl);
        Properties properties = new Properties();
        properties.putAll(Map.of(
                "jakarta.persistence.jdbc.url", jdbcUrl,
                "jakarta.persistence.jdbc.user", "sa",
                "jakarta.persistence.jdbc.password", "",
                "eclipselink.ddl-generation", "create-or-extend-tables",
                "eclipselink.ddl-generation.output-mode", "database",
                "eclipselink.weaving", "false",
                "eclipselink.logging.level", quiet ? "OFF" : "WARNING",
                "eclipselink.logging.logger", "DefaultLogger",
                "eclipselink.connection-pool.default.max", "32"));
        // EclipseLink keeps one session per session name, JVM-wide, and by default names it after the
        // persistence unit: a second server in this JVM (tests, an embedder) would silently get the
        // first one's session and database. Each Database gets a session of its own.
        String sessionName = "vidshare-" + UUID.randomUUID();
        properties.put("eclipselink.session-name", sessionName);
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            properties.put("jakarta.persistence.jdbc.driver", "org.h2.Driver");
            properties.put("eclipselink.target-database", "org.eclipse.persistence.platform.database.H2Platform");
        }
        EntityManagerFactory factory = new PersistenceProvider()
                .createContainerEntityManagerFactory(new UnitInfo(properties), Map.of("eclipselink.session-name", sessionName));
        // Connect now, so a database in use or a bad URL stops the start instead of the first request.
        factory.createEntityManager().close();
        return new Database(factory);
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

    @Override
    public <T> T inTransaction(Work<T> work) throws CommandException {
        EntityManager em = factory.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.run(em);
            tx.commit();
            return result;
        } finally {
            if (tx.isActive()) {
                tx.rollback();
            }
            em.close();
        }
    }

    @Override
    public void close() {
        factory.close();
    }
}
