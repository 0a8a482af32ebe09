package io.sluice.driver.flyway;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sluice.driver.flyway.GeneratedFolder.Dialect;
import io.sluice.testing.PostgresDatabase;
import io.sluice.testing.PostgresDatabases;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Generated folders of DDL (see {@link GeneratedFolder}), each applied by real Flyway to a fresh
 * database and by Sluice twice, and two properties checked on every folder:
 * <ol>
 * <li>on a fresh database, Sluice succeeds with Flyway's schema;</li>
 * <li>on a database where a prefix of the statements was already run by hand (plain JDBC, no
 * history table), Sluice ends at Flyway's schema, or refuses with an {@code SQLException} that
 * names why: a conflict, or the database's own error on a named statement. It never succeeds
 * with another schema.</li>
 * </ol>
 * Both are checked on each folder, and a failure reports both, so one Flyway run serves two
 * checks. CI runs {@value #TRIES} folders per dialect with a fixed seed;
 * {@link TriesFromSystemProperty} runs more on demand. On PostgreSQL each try works in a fresh
 * schema of each of three shared databases, one per run.
 */
@AddLifecycleHook(TriesFromSystemProperty.class)
class FlywayDifferentialPropertyTest {
    static final int TRIES = 200;
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    /** {@code V2__Step.sql failed at line 3}: the statement the database refused. */
    private static final Pattern FAILED_STATEMENT = Pattern.compile("(V\\d+__Step\\.sql) failed at line (\\d+)");

    /** One database per run of a try: Flyway, Sluice on a fresh schema, Sluice after statements run by hand. */
    private static final PostgresDatabase[] DATABASES = new PostgresDatabase[3];
    /** Kept open for the tries' own work (schemas, dumps, hand-run statements): a login costs more than a try's DDL. */
    private static final Connection[] ADMINS = new Connection[3];
    private static HikariDataSource flywayPool;

    @AfterContainer
    static void dropPostgres() throws SQLException {
        if (flywayPool != null) {
            flywayPool.close();
            flywayPool = null;
        }
        for (int i = 0; i < DATABASES.length; i++) {
            if (ADMINS[i] != null) {
                ADMINS[i].close();
                ADMINS[i] = null;
            }
            if (DATABASES[i] != null) {
                PostgresDatabases.drop(DATABASES[i]);
                DATABASES[i] = null;
            }
        }
    }

    @Property(tries = TRIES, seed = "3141592653")
    void onSqliteSluiceGivesFlywaysSchemaFreshAndAfterHandRunStatementsOrRefusesSayingWhy(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 14) int length, @ForAll boolean onlyJudged,
            @ForAll @IntRange(min = 0, max = 100) int handRunPercent) throws Exception {
        GeneratedFolder folder = GeneratedFolder.generate(Dialect.SQLITE, seed, length, onlyJudged);
        int handRun = handRun(folder, handRunPercent);
        try (SqliteTry run = new SqliteTry(folder)) {
            check(folder, handRun, run);
        }
    }

    @Property(tries = TRIES, seed = "1618033988")
    void onPostgresSluiceGivesFlywaysSchemaFreshAndAfterHandRunStatementsOrRefusesSayingWhy(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 14) int length, @ForAll boolean onlyJudged,
            @ForAll @IntRange(min = 0, max = 100) int handRunPercent) throws Exception {
        GeneratedFolder folder = GeneratedFolder.generate(Dialect.POSTGRES, seed, length, onlyJudged);
        int handRun = handRun(folder, handRunPercent);
        try (PostgresTry run = new PostgresTry(folder)) {
            check(folder, handRun, run);
        }
    }

    /** One database per tool and run, as a dialect provides them. */
    private interface Try {
        /** Real Flyway on a fresh database; its schema. */
        SchemaDump flyway() throws SQLException;

        /** Sluice on the fresh database for property 1, or (handRun) on the one for property 2. */
        void sluice(boolean handRun) throws SQLException;

        /** Runs the first statements of the folder by hand on the database for property 2. */
        void byHand(int statements) throws SQLException;

        SchemaDump dump(boolean handRun) throws SQLException;
    }

    private static void check(GeneratedFolder folder, int handRun, Try run) throws SQLException {
        Statistics.label("statements").collect(folder.allJudged() ? "all judged by Sluice" : "some left to the database");
        SchemaDump flyway = run.flyway();
        List<String> problems = new ArrayList<>();

        SQLException refusal = refusal(() -> run.sluice(false));
        if (refusal != null) {
            problems.add("(1) Flyway applies this folder to a fresh database, Sluice refused it: " + describe(refusal));
        } else {
            String differences = flyway.differences(run.dump(false));
            if (!differences.isEmpty()) {
                problems.add("(1) On a fresh database Sluice succeeded with another schema than Flyway's: " + differences);
            }
        }

        run.byHand(handRun);
        refusal = refusal(() -> run.sluice(true));
        String handMigrated = handMigratedProblem(folder, flyway, refusal, refusal == null ? run.dump(true) : null);
        if (handMigrated != null) {
            problems.add("(2) " + handMigrated);
        }

        if (!problems.isEmpty()) {
            fail(String.join("\n", problems) + "\n  run by hand first for (2): " + handRun + " statements\n  folder:" + folder);
        }
    }

    private static int handRun(GeneratedFolder folder, int percent) {
        return Math.round(folder.statements().size() * percent / 100f);
    }

    /**
     * Success means Flyway's schema. A refusal must name why: a conflict, or the database's own
     * error on a named statement. When every statement is one Sluice judges from the catalog, the
     * database may not refuse an unguarded statement because its own object is already there
     * (or already gone): the live catalog showed that, so Sluice had to skip or call a conflict.
     *
     * @return what is wrong, or null
     */
    private static String handMigratedProblem(GeneratedFolder folder, SchemaDump flyway, SQLException refusal,
                                              SchemaDump sluice) {
        if (refusal == null) {
            String differences = flyway.differences(sluice);
            if (!differences.isEmpty()) {
                return "On a database migrated partly by hand Sluice succeeded with another schema than Flyway's "
                        + "on a fresh one: " + differences;
            }
            Statistics.label("outcome after hand-run statements").collect("Flyway's schema");
            return null;
        }
        String message = String.valueOf(refusal.getMessage());
        if (message.toLowerCase(Locale.ROOT).contains("conflict")) {
            Statistics.label("outcome after hand-run statements").collect("refused: conflict");
            return null;
        }
        Matcher failed = FAILED_STATEMENT.matcher(message);
        if (!"08004".equals(refusal.getSQLState()) || !failed.find()) {
            return "Sluice refused without naming a conflict or a failed statement: " + describe(refusal);
        }
        GeneratedFolder.Statement statement = folder.statements().stream()
                .filter(s -> s.file().equals(failed.group(1)) && s.line() == Integer.parseInt(failed.group(2)))
                .findFirst().orElse(null);
        if (statement == null) {
            return "Sluice's refusal names no statement of the folder: " + describe(refusal);
        }
        if (folder.allJudged() && !statement.guarded() && !statement.sql().contains(" RENAME ")
                && saysOwnObjectPresentOrGone(message, statement)) {
            return "Sluice ran " + statement + " though the live catalog already showed its effect, and the database "
                    + "refused it: " + describe(refusal);
        }
        Statistics.label("outcome after hand-run statements").collect("refused: database error");
        return null;
    }

    /** "relation "t1" already exists", "no such index: i2", "duplicate column name: c3"… about the statement's own object. */
    private static boolean saysOwnObjectPresentOrGone(String message, GeneratedFolder.Statement statement) {
        String lower = message.toLowerCase(Locale.ROOT);
        boolean presence = lower.contains("already exists") || lower.contains("does not exist") || lower.contains("no such")
                || lower.contains("duplicate column");
        String object = statement.object().substring(statement.object().indexOf('.') + 1);
        return presence && Pattern.compile("\\b" + Pattern.quote(object) + "\\b").matcher(lower).find();
    }

    private interface SluiceRun {
        void run() throws SQLException;
    }

    private static SQLException refusal(SluiceRun run) {
        try {
            run.run();
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.toString());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append("\n    caused by ").append(cause);
        }
        return text.toString();
    }

    private static Path written(GeneratedFolder folder, Path dir) throws IOException {
        Path sql = dir.resolve("sql");
        folder.write(sql);
        return sql;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static void runByHand(Statement statement, GeneratedFolder folder, int statements) throws SQLException {
        for (GeneratedFolder.Statement sql : folder.statements().subList(0, statements)) {
            statement.execute(sql.sql());
        }
    }

    private static AssertionError invalidFolder(RuntimeException e, GeneratedFolder folder) {
        return new AssertionError("the generator made a folder Flyway cannot apply: " + e.getMessage() + folder, e);
    }

    /** A try on SQLite: files in a temporary folder, one database file per run. */
    private static final class SqliteTry implements Try, AutoCloseable {
        private final GeneratedFolder folder;
        private final Path dir;
        private final Migrators migrators;

        SqliteTry(GeneratedFolder folder) throws IOException {
            this.folder = folder;
            this.dir = Files.createTempDirectory("sluice-differential-");
            this.migrators = new Migrators(written(folder, dir));
        }

        private String url(String database) {
            return "jdbc:sqlite:" + dir.resolve(database + ".db");
        }

        private static String name(boolean handRun) {
            return handRun ? "hand" : "sluice";
        }

        @Override
        public SchemaDump flyway() throws SQLException {
            try {
                migrators.flyway(url("flyway"), null, null, null);
            } catch (RuntimeException e) {
                throw invalidFolder(e, folder);
            }
            return dump(url("flyway"));
        }

        @Override
        public void sluice(boolean handRun) throws SQLException {
            Properties settings = new Properties();
            settings.setProperty("sluice.backup", "none");
            migrators.sluice(url(name(handRun)), settings, dir.resolve("backups"));
        }

        @Override
        public void byHand(int statements) throws SQLException {
            try (Connection connection = DriverManager.getConnection(url(name(true)));
                 Statement statement = connection.createStatement()) {
                runByHand(statement, folder, statements);
            }
        }

        @Override
        public SchemaDump dump(boolean handRun) throws SQLException {
            return dump(url(name(handRun)));
        }

        private static SchemaDump dump(String url) throws SQLException {
            try (Connection connection = DriverManager.getConnection(url)) {
                return SchemaDump.sqlite(connection);
            }
        }

        @Override
        public void close() throws IOException {
            delete(dir);
        }
    }

    /**
     * A try on PostgreSQL: a fresh schema of the same name in each of three shared databases, one
     * per run, so no run sees another's history table.
     */
    private static final class PostgresTry implements Try, AutoCloseable {
        private static final int FLYWAY = 0;
        private static final int SLUICE = 1;
        private static final int HAND = 2;

        private final GeneratedFolder folder;
        private final String schema;
        private final Path dir;
        private final Migrators migrators;

        PostgresTry(GeneratedFolder folder) throws IOException, SQLException {
            this.folder = folder;
            databases();
            this.schema = "try" + SCHEMAS.incrementAndGet();
            this.dir = Files.createTempDirectory("sluice-differential-");
            this.migrators = new Migrators(written(folder, dir));
            for (Connection admin : ADMINS) {
                try (Statement statement = admin.createStatement()) {
                    statement.execute("CREATE SCHEMA " + schema);
                }
            }
        }

        private static synchronized void databases() throws SQLException {
            for (int i = 0; i < DATABASES.length; i++) {
                if (DATABASES[i] == null) {
                    DATABASES[i] = FreshDatabases.postgres();
                    ADMINS[i] = DATABASES[i].connect();
                }
            }
            if (flywayPool == null) {
                HikariConfig pool = new HikariConfig();
                pool.setJdbcUrl(DATABASES[FLYWAY].jdbcUrl());
                pool.setUsername(DATABASES[FLYWAY].user());
                pool.setPassword(DATABASES[FLYWAY].password());
                pool.setMaximumPoolSize(3);
                flywayPool = new HikariDataSource(pool);
            }
        }

        private static int run(boolean handRun) {
            return handRun ? HAND : SLUICE;
        }

        @Override
        public SchemaDump flyway() throws SQLException {
            try {
                migrators.flyway(flywayPool, schema);
            } catch (RuntimeException e) {
                throw invalidFolder(e, folder);
            }
            return SchemaDump.postgresSchema(ADMINS[FLYWAY], schema);
        }

        @Override
        public void sluice(boolean handRun) throws SQLException {
            PostgresDatabase database = DATABASES[run(handRun)];
            Properties settings = database.credentials();
            settings.setProperty("sluice.backup", "none");
            migrators.sluice(FreshDatabases.inSchema(database, schema), settings, dir.resolve("backups"));
        }

        @Override
        public void byHand(int statements) throws SQLException {
            try (Statement statement = ADMINS[HAND].createStatement()) {
                statement.execute("SET search_path TO " + schema);
                try {
                    runByHand(statement, folder, statements);
                } finally {
                    statement.execute("RESET search_path");
                }
            }
        }

        @Override
        public SchemaDump dump(boolean handRun) throws SQLException {
            return SchemaDump.postgresSchema(ADMINS[run(handRun)], schema);
        }

        @Override
        public void close() throws Exception {
            for (Connection admin : ADMINS) {
                try (Statement statement = admin.createStatement()) {
                    statement.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
            delete(dir);
        }
    }
}
