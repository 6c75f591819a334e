package org.vidshare.server.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import com.zaxxer.hikari.HikariDataSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.vidshare.server.persistence.logging.Slf4jSessionLog;
import javax.sql.DataSource;
import org.eclipse.persistence.jpa.JpaEntityManagerFactory;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.vidshare.core.spi.CommandException;
import org.vidshare.core.spi.Transactions;

/**
 * EclipseLink over JDBC (an embedded H2 file by default, or any database with a driver on the module
 * path), through one HikariCP pool. Flyway brings the schema up to date first ({@link Migrations});
 * EclipseLink generates no DDL. Every unit of work gets its own EntityManager and transaction.
 */
public final class Database implements Transactions, AutoCloseable {
    private final EntityManagerFactory factory;
    private final HikariDataSource pool;
    private final WriteVersions writes = new WriteVersions();
    /** An embedded H2 file's "a run has it open" marker (UncleanStopRecovery), cleared at close. */
    private final UncleanStopRecovery.Marker marker;

    private Database(EntityManagerFactory factory, HikariDataSource pool, UncleanStopRecovery.Marker marker) {
        this.factory = factory;
        this.pool = pool;
        this.marker = marker;
        factory.unwrap(JpaEntityManagerFactory.class).getServerSession().getEventManager().addListener(writes);
    }

    public static Database open(JdbcTarget target) {
        return open(target, false);
    }

    /**
     * Opens the database; {@code quiet} silences EclipseLink's own log, for command-line tools that
     * report a failure themselves in one plain sentence.
     */
    public static Database open(JdbcTarget target, boolean quiet) {
        UncleanStopRecovery.Marker marker = UncleanStopRecovery.beforeOpen(target);
        HikariDataSource pool;
        try {
            pool = ConnectionPool.open(target);
        } catch (RuntimeException e) {
            marker.cleared();
            throw e;
        }
        try {
            Migrations.migrate(pool);
            return new Database(entityManagers(target, pool, quiet), pool, marker);
        } catch (RuntimeException e) {
            pool.close();
            marker.cleared();
            throw e;
        }
    }

    private static EntityManagerFactory entityManagers(JdbcTarget target, DataSource pool, boolean quiet) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "jakarta.persistence.nonJtaDataSource", pool,
                // The schema is Flyway's; EclipseLink only maps it.
                "eclipselink.ddl-generation", "none",
                "eclipselink.weaving", "false",
                "eclipselink.logging.level", quiet ? "OFF" : "WARNING",
                "eclipselink.logging.logger", Slf4jSessionLog.class.getName()));
        // EclipseLink keeps one session per session name, JVM-wide, and by default names it after the
        // persistence unit: a second server in this JVM (tests, an embedder) would silently get the
        // first one's session and database. Each Database gets a session of its own.
        properties.put("eclipselink.session-name", "vidshare-" + UUID.randomUUID());
        if (target.isH2()) {
            properties.put("eclipselink.target-database", "org.eclipse.persistence.platform.database.H2Platform");
        }
        Properties unitProperties = new Properties();
        unitProperties.putAll(properties);
        EntityManagerFactory factory = new PersistenceProvider()
                .createContainerEntityManagerFactory(new UnitInfo(unitProperties, pool), properties);
        try {
            // Log in now, so a mapping that does not fit the schema stops the start, not the first request.
            factory.createEntityManager().close();
        } catch (RuntimeException e) {
            factory.close();
            throw e;
        }
        return factory;
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
            writes.transactionEnded();
        }
    }

    @Override
    public long writeVersion(Class<?> entity) {
        return writes.of(entity);
    }

    @Override
    public void close() {
        try {
            factory.close();
        } finally {
            pool.close();
            // Closed cleanly: the next open needs no compaction.
            marker.cleared();
        }
    }
}
