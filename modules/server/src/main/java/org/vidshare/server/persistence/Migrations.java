package org.vidshare.server.persistence;

import jakarta.persistence.PersistenceException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The schema is Flyway's: {@code db/migration/V1__baseline.sql} is the schema as EclipseLink's
 * {@code create-or-extend-tables} left it up to this version, and each later change is the next
 * {@code V<n>__what_changed.sql} (an applied migration is never edited). Runs at every start, before
 * EclipseLink, which only maps.
 */
final class Migrations {
    /** Where the scripts are, in this module (as a resource directory, not a Java package). */
    static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    /** A failed migration is a {@link PersistenceException}: the start reports it as a database failure. */
    static void migrate(DataSource dataSource) {
        try {
            flyway(dataSource).migrate();
        } catch (FlywayException e) {
            throw new PersistenceException("the schema migration failed: " + e.getMessage(), e);
        }
    }

    private static Flyway flyway(DataSource dataSource) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                // A database made by a server before migrations (tables, but no flyway_schema_history)
                // is taken as being at the baseline; an empty one gets V1 run on it.
                .baselineOnMigrate(true)
                .baselineVersion("1")
                .baselineDescription("schema created by EclipseLink before migrations")
                .load();
    }
}
