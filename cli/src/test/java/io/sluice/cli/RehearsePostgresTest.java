package io.sluice.cli;

import io.sluice.testing.PostgresDatabase;
import io.sluice.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.sluice.cli.RehearseTest.sluice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rehearse} on a real PostgreSQL server: a scratch database from a fresh dump, locks per statement, dropped after. */
@ExtendWith(PostgresExtension.class)
class RehearsePostgresTest {
    /** The database's content and catalog, as far as a migration could change them. */
    private static final List<String> STATE = List.of(
            "SELECT string_agg(a::text, '|' ORDER BY a.id) FROM accounts a",
            "SELECT string_agg(version || ':' || script || ':' || success::text, ',' ORDER BY installed_rank) FROM sluice_schema_history",
            "SELECT string_agg(table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable, ',' "
                    + "ORDER BY table_name, column_name) FROM information_schema.columns WHERE table_schema = current_schema()",
            "SELECT string_agg(indexname || ' ' || indexdef, ',' ORDER BY indexname) FROM pg_indexes WHERE schemaname = current_schema()",
            "SELECT string_agg(conname, ',' ORDER BY conname) FROM pg_constraint WHERE connamespace = current_schema()::regnamespace");

    @TempDir
    Path dir;

    private Path sql;

    private void write(String name, String text) throws Exception {
        Files.writeString(sql.resolve(name), text, StandardCharsets.UTF_8);
    }

    private String[] on(PostgresDatabase db, String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--url", db.jdbcUrl() + "?user=" + db.user() + "&password="
                + db.password(), "--locations", "filesystem:" + sql));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    private void databaseAtVersionOne(PostgresDatabase db) throws Exception {
        sql = Files.createDirectories(dir.resolve("sql"));
        write("V1__accounts.sql", "CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT NOT NULL);\n"
                + "INSERT INTO accounts (id, owner) VALUES (1, 'ada'), (2, 'grace');");
        System.setProperty("sluice.backupDir", dir.resolve("backups").toString());
        try {
            RehearseTest.Run migrate = sluice(on(db, "migrate"));
            assertEquals(0, migrate.exit(), migrate.err());
        } finally {
            System.clearProperty("sluice.backupDir");
        }
    }

    private static List<String> state(PostgresDatabase db) throws Exception {
        List<String> state = new ArrayList<>();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (String query : STATE) {
                try (ResultSet rs = statement.executeQuery(query)) {
                    rs.next();
                    state.add(rs.getString(1));
                }
            }
        }
        return state;
    }

    private static List<String> scratchDatabases(PostgresDatabase db) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '%rehearse%'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private List<String> backups() throws Exception {
        if (!Files.exists(dir.resolve("backups"))) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir.resolve("backups"))) {
            return files.map(Path::toString).sorted().collect(Collectors.toList());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void rehearseReportsEachStatementsLocksOnAScratchDatabaseAndDropsIt(PostgresDatabase db) throws Exception {
        databaseAtVersionOne(db);
        write("V2__loans.sql", "CREATE TABLE loans (id INTEGER PRIMARY KEY, account INTEGER NOT NULL);\n"
                + "INSERT INTO loans (id, account) VALUES (1, 1), (2, 1), (3, 2);\n"
                + "ALTER TABLE accounts ADD COLUMN email TEXT;");
        List<String> before = state(db);
        List<String> backupsBefore = backups();

        RehearseTest.Run run = sluice(on(db, "rehearse", "--json"));

        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals(before, state(db), "the database's content or catalog changed");
        assertEquals(backupsBefore, backups());
        assertEquals(List.of(), scratchDatabases(db), "the scratch database is still there");
        Map<String, Object> report = run.json();
        Map<String, Object> copy = map(report.get("copy"));
        assertEquals(true, copy.get("dropped"));
        assertTrue(String.valueOf(copy.get("location")).startsWith("database " + db.databaseName() + "_rehearse_"), copy.toString());
        assertTrue(String.valueOf(copy.get("method")).startsWith("pg_dump"), copy.toString());
        assertFalse(run.out().contains(db.password()), "the password is printed");
        assertEquals("1", report.get("from"));
        assertEquals("2", report.get("to"));

        Map<String, Object> migration = list(report.get("migrations")).get(0);
        assertEquals("applied", migration.get("outcome"));
        List<Map<String, Object>> statements = list(migration.get("statements"));
        assertEquals(3, statements.size());
        for (Map<String, Object> statement : statements) {
            assertTrue(((Number) statement.get("ms")).doubleValue() >= 0, statement.toString());
            for (Map<String, Object> lock : list(statement.get("locks"))) {
                assertTrue(((Number) lock.get("heldMs")).doubleValue() >= ((Number) statement.get("ms")).doubleValue(),
                        "a lock is held at least as long as the statement that took it: " + statement);
            }
        }
        assertTrue(list(statements.get(0).get("locks")).stream().anyMatch(l -> l.get("relation").equals("loans")
                && l.get("mode").equals("AccessExclusiveLock")), "CREATE TABLE holds its new table: " + statements.get(0));
        assertEquals(3L, statements.get(1).get("rows"), "the INSERT added three loans");
        assertTrue(list(statements.get(2).get("locks")).stream().anyMatch(l -> l.get("relation").equals("accounts")
                && l.get("mode").equals("AccessExclusiveLock")), "ALTER TABLE takes ACCESS EXCLUSIVE: " + statements.get(2));

        List<Map<String, Object>> changes = list(report.get("schemaChanges"));
        assertTrue(changes.contains(Map.of("object", "table loans", "before", "absent", "after", "present")), changes.toString());
        assertTrue(changes.stream().anyMatch(c -> c.get("object").equals("column accounts.email")), changes.toString());
        assertNull(report.get("error"));
    }

    @Test
    void aFailingMigrationExitsOneAndStillDropsTheScratchDatabase(PostgresDatabase db) throws Exception {
        databaseAtVersionOne(db);
        write("V2__broken.sql", "ALTER TABLE accounts ADD COLUMN email TEXT;\nINSERT INTO nowhere VALUES (1);");
        List<String> before = state(db);

        RehearseTest.Run run = sluice(on(db, "rehearse", "--json"));

        assertEquals(1, run.exit(), run.out() + run.err());
        assertEquals(before, state(db));
        assertEquals(List.of(), scratchDatabases(db));
        Map<String, Object> report = run.json();
        String error = (String) report.get("error");
        assertTrue(error.contains("V2__broken.sql") && error.contains("line 2") && error.contains("nowhere"), error);
        Map<String, Object> migration = list(report.get("migrations")).get(0);
        assertEquals("failed", migration.get("outcome"));
        List<Map<String, Object>> statements = list(migration.get("statements"));
        assertEquals("failed", statements.get(1).get("action"));
        assertEquals(List.of(), report.get("schemaChanges"), "the failed migration was rolled back on the copy");
        assertEquals(true, map(report.get("copy")).get("dropped"));
    }

    @Test
    void aTargetUrlMakesTheScratchDatabaseOnThatServerInTheOriginalsSchema(PostgresDatabase db) throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA billing");
        }
        sql = Files.createDirectories(dir.resolve("sql"));
        write("V1__invoices.sql", "CREATE TABLE invoices (id INTEGER PRIMARY KEY);\nINSERT INTO invoices VALUES (1), (2);");
        String url = db.jdbcUrl() + "?currentSchema=billing&user=" + db.user() + "&password=" + db.password();
        String target = db.jdbcUrl().replaceFirst("/[^/]+$", "/postgres") + "?user=" + db.user() + "&password=" + db.password();

        RehearseTest.Run run = sluice("rehearse", "--url", url, "--locations", "filesystem:" + sql, "--target-url", target, "--json");

        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals(List.of(), scratchDatabases(db));
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'billing'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "the rehearsal created tables in the database itself");
        }
        Map<String, Object> migration = list(run.json().get("migrations")).get(0);
        assertEquals(2L, list(migration.get("statements")).get(1).get("rows"));
        assertTrue(list(run.json().get("schemaChanges")).contains(Map.of("object", "table invoices", "before", "absent",
                "after", "present")), run.out());
        assertFalse(run.out().contains(db.password()), "the password is printed");
    }

    @Test
    void withoutPgDumpTheCopyComesFromTheBuiltInLogicalBackup(PostgresDatabase db) throws Exception {
        databaseAtVersionOne(db);
        write("V2__email.sql", "ALTER TABLE accounts ADD COLUMN email TEXT;");
        List<String> before = state(db);
        System.setProperty("sluice.pgDump", dir.resolve("no-such-pg_dump").toString());
        RehearseTest.Run run;
        try {
            run = sluice(on(db, "rehearse", "--json"));
        } finally {
            System.clearProperty("sluice.pgDump");
        }

        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals(before, state(db));
        assertEquals(List.of(), scratchDatabases(db));
        assertTrue(String.valueOf(map(run.json().get("copy")).get("method")).startsWith("built-in logical backup"), run.out());
        assertEquals("applied", list(run.json().get("migrations")).get(0).get("outcome"));
    }
}
