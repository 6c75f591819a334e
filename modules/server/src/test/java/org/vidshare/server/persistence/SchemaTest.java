package org.vidshare.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migrations describe exactly the schema the entity mappings expect: an H2 file made by
 * Flyway's scripts and one made by EclipseLink's own DDL from the entities are the same, table for
 * table, column for column, index for index (read back with H2's {@code SCRIPT NODATA}), with the
 * same id generator rows. A change to an entity without its {@code V<n>__...sql} fails here (and
 * an index goes into both: the script and the entity's {@code @Index}).
 */
class SchemaTest {
    @TempDir
    Path dir;

    @Test
    void theMigratedSchemaIsTheOneTheEntitiesMapTo() throws Exception {
        List<String> migrated;
        List<String> migratedIds;
        try (HikariDataSource pool = pool("migrated")) {
            Migrations.migrate(pool);
            migrated = schema(pool);
            migratedIds = lines(pool, "SELECT SEQ_NAME || '=' || SEQ_COUNT FROM VS_IDS ORDER BY SEQ_NAME");
        }
        List<String> generated;
        List<String> generatedIds;
        try (HikariDataSource pool = pool("generated")) {
            generateWithEclipseLink(pool);
            generated = schema(pool);
            generatedIds = lines(pool, "SELECT SEQ_NAME || '=' || SEQ_COUNT FROM VS_IDS ORDER BY SEQ_NAME");
        }
        assertThat(generated).as("EclipseLink's DDL").anyMatch(line -> line.contains("\"VS_MOVIE\""));
        assertThat(migrated).as("the schema of the migrations (left) vs. EclipseLink's DDL of the entities;"
                + " a changed entity needs the next V<n>__...sql").isEqualTo(generated);
        assertThat(migratedIds).as("id generator rows").isEqualTo(generatedIds).isNotEmpty();
    }

    private HikariDataSource pool(String name) {
        return ConnectionPool.open(new JdbcTarget("jdbc:h2:file:" + dir.resolve(name).resolve("vidshare"), "sa", ""));
    }

    private static void generateWithEclipseLink(HikariDataSource pool) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "jakarta.persistence.nonJtaDataSource", pool,
                "eclipselink.ddl-generation", "create-tables",
                "eclipselink.ddl-generation.output-mode", "database",
                "eclipselink.weaving", "false",
                "eclipselink.logging.level", "WARNING",
                "eclipselink.session-name", "schema-test-" + UUID.randomUUID(),
                "eclipselink.target-database", "org.eclipse.persistence.platform.database.H2Platform"));
        Properties unit = new Properties();
        unit.putAll(properties);
        EntityManagerFactory factory = new PersistenceProvider()
                .createContainerEntityManagerFactory(new UnitInfo(unit, pool), properties);
        try {
            factory.createEntityManager().close();
        } finally {
            factory.close();
        }
    }

    /**
     * The DDL of the VidShare tables, without what differs by construction: Flyway's own history
     * table, generated constraint names, row counts, the user.
     */
    private static List<String> schema(HikariDataSource pool) throws SQLException {
        List<String> schema = new ArrayList<>();
        boolean inHistoryTable = false;
        List<String> columns = null;
        String table = null;
        for (String line : lines(pool, "SCRIPT NODATA")) {
            if (line.contains("flyway_schema_history")) {
                inHistoryTable = line.startsWith("CREATE CACHED TABLE");
                continue;
            }
            if (inHistoryTable) {
                inHistoryTable = !line.startsWith(");");
                continue;
            }
            if (line.startsWith("-- ") || line.startsWith("CREATE USER") || line.startsWith("SET ")) {
                continue;
            }
            if (columns != null && !line.startsWith(");")) {
                columns.add(line.trim().replaceAll(",$", ""));
                continue;
            }
            if (columns != null) {
                // Column order is not compared: a later migration's ADD COLUMN appends (PostgreSQL
                // has no AFTER), while EclipseLink orders columns by attribute name. One line per table.
                Collections.sort(columns);
                schema.add(table + String.join(", ", columns) + ");");
                columns = null;
                continue;
            }
            if (line.startsWith("CREATE CACHED TABLE")) {
                table = line;
                columns = new ArrayList<>();
                continue;
            }
            schema.add(line.replaceAll("\"CONSTRAINT_[0-9A-F]+\"", "\"CONSTRAINT_n\""));
        }
        // Nor the order of statements (H2 lists constraints in the order they were last touched).
        Collections.sort(schema);
        return schema;
    }

    private static List<String> lines(HikariDataSource pool, String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection db = pool.getConnection(); Statement statement = db.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                lines.addAll(result.getString(1).lines().toList());
            }
        }
        return lines;
    }
}
