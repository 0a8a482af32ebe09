package io.sluice.driver.flyway;

import io.sluice.testing.PostgresDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * SPEC §3: "On a fresh database, a folder that Flyway applies gives the same schema under
 * Sluice." Each folder under {@code differential/<dialect>/} holds one pattern of real-world SQL;
 * it is applied with real Flyway to database A and with Sluice to database B, both fresh, and the
 * two schemas (without the tools' history tables) must be equal, object by object.
 */
class FlywayDifferentialTest {
    /** The patterns of issue 13 (more folders are welcome); a folder that goes missing must not pass unnoticed. */
    private static final List<String> SQLITE_PATTERNS = List.of("create-table-as", "created-and-dropped",
            "drop-and-rename-column", "fts5-virtual-table-dropped", "guarded-ddl", "placeholders", "quoted-names",
            "table-rebuild", "triggers-begin-end", "unguarded-ddl", "user-version", "vacuum", "views");
    private static final List<String> POSTGRES_PATTERNS = List.of("concurrent-index-create", "concurrent-index-drop",
            "create-table-as", "created-and-dropped-across-files", "created-and-dropped-in-one-file", "do-blocks",
            "dollar-tags", "drop-cascade", "enum-add-value", "generated-columns", "guarded-ddl",
            "implicit-drops-and-renames", "materialized-views", "mixed-with-transactional", "non-transactional-several",
            "placeholders", "quoted-camel-case", "reindex-concurrently", "unguarded-ddl", "vacuum");

    @TempDir
    Path dir;

    static Stream<String> sqliteFolders() throws Exception {
        return folders("sqlite").stream();
    }

    static Stream<String> postgresFolders() throws Exception {
        return folders("postgresql").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sqliteFolders")
    void sqliteFolderGivesFlywaysSchemaUnderSluice(String folder) throws Exception {
        Migrators migrators = new Migrators(root("sqlite").resolve(folder));
        Path byFlyway = dir.resolve("flyway.db");
        Path bySluice = dir.resolve("sluice.db");

        migrators.flyway("jdbc:sqlite:" + byFlyway, null, null, null);
        String refusal = refusal(() -> migrators.sluice("jdbc:sqlite:" + bySluice, new Properties(), dir.resolve("backups")));

        assertSameSchema(folder, sqliteDump(byFlyway), refusal, refusal == null ? sqliteDump(bySluice) : null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("postgresFolders")
    void postgresFolderGivesFlywaysSchemaUnderSluice(String folder) throws Exception {
        Migrators migrators = new Migrators(root("postgresql").resolve(folder));
        try (FreshDatabases.Pair databases = FreshDatabases.postgresPair()) {
            PostgresDatabase byFlyway = databases.flyway();
            PostgresDatabase bySluice = databases.sluice();
            migrators.flyway(byFlyway.jdbcUrl(), byFlyway.user(), byFlyway.password(), null);
            String refusal = refusal(() -> migrators.sluice(bySluice.jdbcUrl(), bySluice.credentials(), dir.resolve("backups")));

            assertSameSchema(folder, postgresDump(byFlyway), refusal, refusal == null ? postgresDump(bySluice) : null);
        }
    }

    /**
     * A script that mixes non-transactional and transactional statements, without {@code mixed}:
     * Flyway refuses it; Sluice refuses it before anything runs, naming the script.
     */
    @Test
    void aMixedPostgresScriptWithoutMixedIsRefusedByBothAndSluiceAppliesNothing() throws Exception {
        Path folder = root("refused").resolve("postgresql-mixed-without-mixed");
        Migrators migrators = new Migrators(folder);
        try (FreshDatabases.Pair databases = FreshDatabases.postgresPair()) {
            PostgresDatabase byFlyway = databases.flyway();
            PostgresDatabase bySluice = databases.sluice();
            assertThrows(RuntimeException.class,
                    () -> migrators.flyway(byFlyway.jdbcUrl(), byFlyway.user(), byFlyway.password(), null));
            SQLException refusal = assertThrows(SQLException.class,
                    () -> migrators.sluice(bySluice.jdbcUrl(), bySluice.credentials(), dir.resolve("backups")));

            assertTrue(refusal.getMessage().contains("V2__Index_and_backfill.sql"), refusal.getMessage());
            SchemaDump left = postgresDump(bySluice);
            assertEquals(List.of("schema public"), List.copyOf(left.objects().keySet()),
                    "Sluice refused before anything ran, yet the database holds:\n" + left);
        }
    }

    /**
     * One folder migrated into two schemas of one database, as multi-tenant apps do: each schema
     * gets Flyway's objects and its own history (SPEC §4: another schema never loses or shares it).
     */
    @Test
    void aPostgresFolderMigratedIntoTwoSchemasOfOneDatabaseGivesFlywaysSchemaInEach() throws Exception {
        String folder = "unguarded-ddl";
        Migrators migrators = new Migrators(root("postgresql").resolve(folder));
        List<String> schemas = List.of("tenant_a", "tenant_b");
        try (FreshDatabases.Pair databases = FreshDatabases.postgresPair()) {
            PostgresDatabase byFlyway = databases.flyway();
            PostgresDatabase bySluice = databases.sluice();
            for (PostgresDatabase database : List.of(byFlyway, bySluice)) {
                try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                    for (String schema : schemas) {
                        statement.execute("CREATE SCHEMA " + schema);
                    }
                }
            }
            for (String schema : schemas) {
                migrators.flyway(byFlyway.jdbcUrl(), byFlyway.user(), byFlyway.password(), schema);
            }
            String refusal = refusal(() -> {
                for (String schema : schemas) {
                    migrators.sluice(FreshDatabases.inSchema(bySluice, schema), bySluice.credentials(), dir.resolve("backups"));
                }
            });

            assertSameSchema(folder + " in schemas " + schemas, postgresDump(byFlyway), refusal,
                    refusal == null ? postgresDump(bySluice) : null);
        }
    }

    @Test
    void everyPatternOfTheIssueHasAFolder() throws Exception {
        for (String dialect : List.of("sqlite", "postgresql")) {
            TreeSet<String> missing = new TreeSet<>(dialect.equals("sqlite") ? SQLITE_PATTERNS : POSTGRES_PATTERNS);
            missing.removeAll(folders(dialect));
            assertTrue(missing.isEmpty(), "differential/" + dialect + " lacks the folders " + missing);
        }
    }

    /** The comparison itself: identical databases compare equal, and a difference is named with both sides. */
    @Test
    void theDumpNamesTheFirstDifferingObjectWithBothDefinitions() throws Exception {
        Path a = dir.resolve("a.db");
        Path b = dir.resolve("b.db");
        for (Path database : List.of(a, b)) {
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database)) {
                connection.createStatement().execute("CREATE TABLE loans (id INTEGER PRIMARY KEY, -- the key\n  amount INTEGER)");
            }
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + a)) {
            connection.createStatement().execute("CREATE INDEX loans_amount_idx ON loans (amount)");
        }

        assertEquals("", sqliteDump(b).differences(sqliteDump(b)));
        assertEquals("1 objects differ:\n  index loans_amount_idx: flyway=CREATE INDEX loans_amount_idx ON loans (amount) "
                + "sluice=<absent>", sqliteDump(a).differences(sqliteDump(b)));
        assertEquals("CREATE TABLE loans (id INTEGER PRIMARY KEY, amount INTEGER) [rows=0]",
                sqliteDump(a).objects().get("table loans"));
    }

    private interface SluiceRun {
        void run() throws SQLException;
    }

    /** Null when Sluice succeeded, else its refusal with the causes it chains. */
    private static String refusal(SluiceRun run) {
        try {
            run.run();
            return null;
        } catch (SQLException e) {
            StringBuilder text = new StringBuilder(e.toString());
            for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
                text.append("\n  caused by ").append(cause);
            }
            return text.toString();
        }
    }

    private static void assertSameSchema(String folder, SchemaDump flyway, String refusal, SchemaDump sluice) {
        assertFalse(flyway.objects().isEmpty(), folder + ": Flyway left no schema at all; the folder tests nothing");
        // Into the test's output file: what was compared, for whoever reads a failure.
        System.out.println("[differential] " + folder + ", Flyway's schema:\n" + flyway);
        if (refusal != null) {
            fail(folder + ": Flyway applies this folder, Sluice refused it: " + refusal);
        }
        String differences = flyway.differences(sluice);
        if (!differences.isEmpty()) {
            fail(folder + ": Sluice succeeded with another schema than Flyway's: " + differences);
        }
    }

    private static SchemaDump sqliteDump(Path database) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            return SchemaDump.sqlite(connection);
        }
    }

    static SchemaDump postgresDump(PostgresDatabase database) throws SQLException {
        try (Connection connection = database.connect()) {
            return SchemaDump.postgres(connection);
        }
    }

    static Path root(String dialect) throws URISyntaxException {
        return Path.of(FlywayDifferentialTest.class.getResource("/differential/" + dialect).toURI());
    }

    private static List<String> folders(String dialect) throws IOException, URISyntaxException {
        try (Stream<Path> entries = Files.list(root(dialect))) {
            return entries.filter(Files::isDirectory).map(path -> path.getFileName().toString()).sorted()
                    .collect(Collectors.toList());
        }
    }
}
