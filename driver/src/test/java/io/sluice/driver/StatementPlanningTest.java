package io.sluice.driver;

import io.sluice.Sluice;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.plan.Finding;
import io.sluice.migrations.plan.Plan;
import io.sluice.migrations.plan.PlannedMigration;
import io.sluice.migrations.plan.PlannedStatement;
import io.sluice.testing.PostgresDatabase;
import io.sluice.testing.PostgresExtension;
import io.sluice.testing.SqliteDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

import static io.sluice.driver.PostgresGateTest.execute;
import static io.sluice.driver.PostgresGateTest.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SPEC §3: statement-level idempotency and destructive-statement lint, on both databases. */
@ExtendWith(PostgresExtension.class)
class StatementPlanningTest {
    private static final String MIXED = """
            -- sluice:allow-destructive
            DROP TABLE legacy_notes;
            CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
            """;
    private static final String UNAPPROVED = """
            CREATE TABLE audit (id INTEGER PRIMARY KEY);
            DELETE FROM payments;
            """;

    @TempDir
    Path dir;

    @Test
    void sqliteAnObjectWithAnotherShapeIsAConflictAndNothingChanges() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded();
        onSqlite(db, "CREATE TABLE loan_split (id INTEGER PRIMARY KEY, loan_id TEXT)", "INSERT INTO loan_split VALUES (1, 'x')");
        db.migration("V1__first.sql", "CREATE TABLE first (id INTEGER);");
        db.migration("V2__loan_split.sql", "CREATE TABLE loan_split (id INTEGER PRIMARY KEY, loan_id INTEGER NOT NULL, share INTEGER);");
        String before = SqliteDigest.of(db.plainUrl(), SqliteDigest.tables(db.plainUrl()));

        SluiceException refusal = assertThrows(SluiceException.class, () -> Sluice.migrate(db.sluiceUrl(), new Properties()));

        assertEquals(Problem.CONFLICT, refusal.problem());
        assertEquals("08004", refusal.getSQLState());
        String message = refusal.getMessage();
        assertTrue(message.contains("V2__loan_split.sql line 1") && message.contains("table loan_split exists with a different shape")
                && message.contains("column loan_id: TEXT found, INTEGER NOT NULL expected") && message.contains("column share missing"),
                message);
        assertEquals(before, SqliteDigest.of(db.plainUrl(), SqliteDigest.tables(db.plainUrl())), "something was applied");
        assertEquals(0, db.count("SELECT COUNT(*) FROM sqlite_master WHERE name = 'first'"));
    }

    @Test
    void sqliteAMixedApprovedFileAppliesAndAnUnapprovedOneIsRefusedWithFileLineAndStatement() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded();
        onSqlite(db, "CREATE TABLE legacy_notes (id INTEGER)");
        db.migration("V1__notes.sql", MIXED);
        Sluice.migrate(db.sluiceUrl(), new Properties());
        assertEquals(1, db.count("SELECT COUNT(*) FROM sqlite_master WHERE name = 'notes'"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM sqlite_master WHERE name = 'legacy_notes'"));

        db.migration("V2__unapproved.sql", UNAPPROVED);
        SluiceException refusal = assertThrows(SluiceException.class, () -> Sluice.migrate(db.sluiceUrl(), new Properties()));

        assertEquals(Problem.UNAPPROVED_DESTRUCTIVE, refusal.problem());
        assertTrue(refusal.getMessage().contains("V2__unapproved.sql line 2: DELETE without WHERE on payments"), refusal.getMessage());
        assertEquals(0, db.count("SELECT COUNT(*) FROM sqlite_master WHERE name = 'audit'"), "applied before refusing");
        assertEquals(50, db.count("SELECT COUNT(*) FROM payments"));

        Sluice.migrate(db.sluiceUrl("sluice.allowDestructive=true"), new Properties());
        assertEquals(0, db.count("SELECT COUNT(*) FROM payments"));
    }

    @Test
    void sqlitePlanShowsSkipsAndAnAllSkippedMigrationIsRecordedAsAdopted() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded();
        onSqlite(db, "CREATE TABLE cashback_account (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), "
                        + "balance INTEGER NOT NULL DEFAULT 0)",
                "CREATE INDEX cashback_account_user ON cashback_account (user_id)",
                "ALTER TABLE payments ADD COLUMN loan_split_id INTEGER");
        db.withStandardMigrations();

        Plan plan = Sluice.plan(db.sluiceUrl(), new Properties());

        assertEquals(List.of("skip cashback_account: table cashback_account exists with the same columns",
                        "skip cashback_account_user: index cashback_account_user exists on the same columns"),
                actions(plan.pending().get(0)));
        assertEquals(List.of("apply loan_split", "skip payments.loan_split_id: column payments.loan_split_id exists with the same shape"),
                actions(plan.pending().get(1)));
        assertTrue(plan.pending().get(0).plannedStatements().stream().allMatch(PlannedStatement::isLive),
                "a skip must be confirmed against the live catalog when it runs");
        assertEquals(0, db.count("SELECT COUNT(*) FROM sqlite_master WHERE name = 'sluice_schema_history'"), "plan wrote");

        Sluice.migrate(db.sluiceUrl(), new Properties());

        assertEquals(List.of("1:1", "2:0", "3:0"), rows(db, "SELECT version || ':' || adopted FROM sluice_schema_history ORDER BY installed_rank"));
        assertEquals(50, db.count("SELECT COUNT(*) FROM cashback_account"));
        assertTrue(Sluice.migrate(db.sluiceUrl(), new Properties()).applied().isEmpty());
    }

    @Test
    void aRepeatableRunsAgainWhenAReplacedValueChanges() throws Exception {
        LegacyDatabase db = new LegacyDatabase(dir).seeded();
        db.migration("R__greeting.sql", "DROP VIEW IF EXISTS greeting;\nCREATE VIEW greeting AS SELECT '${name}' AS name;");

        assertEquals(List.of("R__greeting.sql"), Sluice.migrate(db.sluiceUrl("sluice.placeholders.name=ada"), new Properties()).applied());
        assertTrue(Sluice.migrate(db.sluiceUrl("sluice.placeholders.name=ada"), new Properties()).applied().isEmpty());
        assertEquals(List.of("R__greeting.sql"), Sluice.migrate(db.sluiceUrl("sluice.placeholders.name=grace"), new Properties()).applied());

        assertEquals(List.of("grace"), rows(db, "SELECT name FROM greeting"));
    }

    @Test
    void postgresConflictsSkipsAndDestructiveLint(PostgresDatabase pg) throws Exception {
        execute(pg, "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)", "INSERT INTO users VALUES (1, 'a')",
                "CREATE TABLE payments (id INTEGER)", "INSERT INTO payments VALUES (1)",
                "CREATE TABLE legacy_notes (id INTEGER)", "CREATE TABLE cashback (id INTEGER PRIMARY KEY, amount NUMERIC(10,2) NOT NULL)");
        Path sql = Files.createDirectories(dir.resolve("pg"));
        Files.writeString(sql.resolve("V1__cashback.sql"), "CREATE TABLE IF NOT EXISTS cashback (id INT PRIMARY KEY, amount NUMERIC(10, 2) NOT NULL);\n"
                + "ALTER TABLE users ADD COLUMN IF NOT EXISTS email TEXT;\nCREATE INDEX users_name ON users (name);");
        Files.writeString(sql.resolve("V2__notes.sql"), MIXED);
        String url = pg.sluiceUrl() + "?sluice.locations=filesystem:" + sql + "&sluice.backupDir=" + dir.resolve("b");

        Plan plan = Sluice.plan(url, pg.credentials());
        assertEquals(List.of("apply cashback", "apply users.email", "apply users_name"), // guarded statements always run
                actions(plan.pending().get(0)));
        assertEquals(List.of("index-without-concurrently"), plan.pending().get(0).findings().stream()
                .filter(f -> f.severity() == Finding.Severity.WARNING).map(Finding::rule).toList());
        Sluice.migrate(url, pg.credentials());
        assertEquals(List.of("0"), strings(pg, "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'legacy_notes'"));

        Files.writeString(sql.resolve("V3__unapproved.sql"), UNAPPROVED);
        Files.writeString(sql.resolve("V4__conflict.sql"), "CREATE TABLE cashback (id BIGINT PRIMARY KEY);");
        SluiceException conflict = assertThrows(SluiceException.class, () -> Sluice.migrate(url, pg.credentials()));
        assertEquals(Problem.CONFLICT, conflict.problem());
        assertTrue(conflict.getMessage().contains("column id: integer NOT NULL PRIMARY KEY found, bigint NOT NULL PRIMARY KEY expected"),
                conflict.getMessage());
        Files.delete(sql.resolve("V4__conflict.sql"));
        SluiceException destructive = assertThrows(SluiceException.class, () -> Sluice.migrate(url, pg.credentials()));
        assertEquals(Problem.UNAPPROVED_DESTRUCTIVE, destructive.problem());
        assertTrue(destructive.getMessage().contains("V3__unapproved.sql line 2"), destructive.getMessage());
        assertEquals(List.of("1"), strings(pg, "SELECT COUNT(*) FROM payments"));
        assertEquals(List.of("0"), strings(pg, "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'audit'"));
    }

    private static List<String> actions(PlannedMigration migration) {
        return migration.plannedStatements().stream().filter(s -> s.object() != null)
                .map(s -> s.action().label() + " " + s.object() + (s.action() == PlannedStatement.Action.APPLY || s.reason() == null ? "" : ": " + s.reason()))
                .collect(Collectors.toList());
    }

    private static void onSqlite(LegacyDatabase db, String... statements) throws Exception {
        try (Connection connection = DriverManager.getConnection(db.plainUrl()); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static List<String> rows(LegacyDatabase db, String query) throws Exception {
        try (Connection connection = DriverManager.getConnection(db.plainUrl()); Statement statement = connection.createStatement();
             var rs = statement.executeQuery(query)) {
            List<String> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }
}
