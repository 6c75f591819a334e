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
            schema.add(line.replaceAll("\"CONSTRAINT_[0-9A-F]+\"", "\"CONSTRAINT_n\""));
        }
        return canonical(schema);
    }

    /**
     * The statements in a fixed order, and each table's columns too: a migration adds a column at
     * the end of its table and a constraint after those of earlier scripts, where EclipseLink's DDL
     * orders both its own way; neither order means anything to the schema.
     */
    private static List<String> canonical(List<String> lines) {
        List<String> statements = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : lines) {
            current.add(line);
            if (line.endsWith(";")) {
                statements.add(statement(current));
                current.clear();
            }
        }
        if (!current.isEmpty()) {
            statements.add(statement(current));
        }
        statements.sort(null);
        return statements;
    }

    private static String statement(List<String> lines) {
        if (lines.size() <= 2) {
            return String.join("\n", lines);
        }
        List<String> body = new ArrayList<>();
        for (String line : lines.subList(1, lines.size() - 1)) {
            body.add(line.strip().replaceAll(",$", ""));
        }
        body.sort(null);
        return lines.get(0) + "\n    " + String.join(",\n    ", body) + "\n" + lines.get(lines.size() - 1);
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
