package io.sluice.agent;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.observation.Observation;
import io.sluice.testing.BootJar;
import io.sluice.testing.JavaProcess;
import io.sluice.testing.SqliteDigest;
import legacy.DriverManagerApp;
import legacy.HikariApp;
import legacy.IsolatedDriverApp;
import legacy.MeteredApp;
import legacy.Outcome;
import org.HdrHistogram.Histogram;
import org.LatencyUtils.SimplePauseDetector;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sqlite.JDBC;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Legacy SQLite apps, unchanged, gated by {@code -javaagent} on every JDK of {@link Jdk#all()}. */
class SqliteAgentIT {
    private static final String SQLITE_CONNECTION = "connection=org.sqlite.jdbc4.JDBC4Connection";
    private static final String V1_CREATE_ITEM = "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n";
    private static final String V2_ADD_PRICE = "ALTER TABLE item ADD COLUMN price INTEGER;\n";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sluice.agent.Jdk#all")
    void driverManagerConnectsAreGatedOnceWithMigrationsFromAnAgentArgument(Jdk jdk) throws Exception {
        Path migrations = migrations();
        String url = url("app.db");

        JavaProcess.Result run = run(LegacyJvm.withAgent(DriverManagerApp.class, jdk, "locations=filesystem:" + migrations)
                .args(url));

        assertGatedOnce(run, url, 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sluice.agent.Jdk#all")
    void hikariInJdbcUrlModeIsGatedWithMigrationsFromASystemPropertyThatWinsOverTheAgentArgument(Jdk jdk) throws Exception {
        Path migrations = migrations();
        String url = url("pooled.db");

        JavaProcess.Result run = run(LegacyJvm.withAgent(HikariApp.class, jdk, "locations=filesystem:" + dir.resolve("absent"))
                .systemProperty("sluice.locations", "filesystem:" + migrations).args(url));

        assertGatedOnce(run, url, 3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sluice.agent.Jdk#all")
    void hikariWithSqlitesDataSourceClassIsGated(Jdk jdk) throws Exception {
        Path migrations = migrations();
        String url = url("datasource.db");

        JavaProcess.Result run = run(LegacyJvm.withAgent(HikariApp.class, jdk, "locations=filesystem:" + migrations)
                .args(url, "org.sqlite.SQLiteDataSource"));

        assertGatedOnce(run, url, 3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sluice.agent.Jdk#all")
    void anExcludedUrlIsNotGated(Jdk jdk) throws Exception {
        Path migrations = migrations();
        String gated = url("orders.db");
        String excluded = url("cache.db");

        JavaProcess.Result run = run(LegacyJvm.withAgent(DriverManagerApp.class, jdk,
                "locations=filesystem:" + migrations + ";exclude=*/cache.db").args(excluded, gated));

        assertGatedOnce(run, gated, 4);
        assertEquals(List.of(), SqliteDigest.tables(excluded), "the excluded database was touched");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sluice.agent.Jdk#all")
    void withoutMigrationsTheAppRunsAsWithoutTheAgentAndOneLineSaysWhy(Jdk jdk) throws Exception {
        String url = url("plain.db");
        JavaProcess.Result without = run(LegacyJvm.app(DriverManagerApp.class, jdk).args(url));
        Files.delete(dir.resolve("plain.db"));

        JavaProcess.Result with = run(LegacyJvm.withAgent(DriverManagerApp.class, jdk, "").args(url));

        assertEquals(without.exitCode(), with.exitCode(), with.output());
        assertEquals(appLines(without), appLines(with));
        assertEquals(1, count(with.output(), "plain: no migrations at classpath:db/migration"), with.output());
        assertEquals(List.of(), SqliteDigest.tables(url), "the agent wrote to the database");
        assertFalse(Files.exists(dir.resolve("backups")), "the agent took a backup");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sluice.agent.Jdk#all")
    void aSettingSluiceRefusesIsOneLogLineAndTheAppRunsUngated(Jdk jdk) throws Exception {
        Path migrations = migrations();
        String url = url("misconfigured.db");

        JavaProcess.Result run = run(LegacyJvm.withAgent(DriverManagerApp.class, jdk,
                "locations=filesystem:" + migrations + ";lockTimeout=soon").args(url));

        assertEquals(0, run.exitCode(), run.output());
        assertEquals(2, count(run.output(), SQLITE_CONNECTION), run.output());
        assertEquals(1, count(run.output(), "misconfigured: the Sluice agent does not gate this database"), run.output());
        assertTrue(run.output().contains("sluice.lockTimeout"), run.output());
        assertEquals(List.of(), SqliteDigest.tables(url), "the agent wrote to the database");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sluice.agent.Jdk#all")
    void aDriverWhoseLoaderCannotReachTheAgentIsLeftAloneWithOneLine(Jdk jdk) throws Exception {
        Path migrations = migrations();
        String url = url("plugin.db");

        JavaProcess.Result run = run(LegacyJvm.withAgent(IsolatedDriverApp.class, jdk, "locations=filesystem:" + migrations)
                .args(LegacyJvm.vendorJar("sqlite-jdbc-").toString(), url));

        assertEquals(0, run.exitCode(), run.output());
        assertEquals(1, count(run.output(), SQLITE_CONNECTION), run.output());
        assertEquals(1, count(run.output(), "org.sqlite.JDBC is loaded where the agent's classes are out of reach"),
                run.output());
        assertEquals(List.of(), SqliteDigest.tables(url), "the agent wrote to the database");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sluice.agent.Jdk#all")
    void theGatesRefusalReachesTheAppAsItsConnectsSqlException(Jdk jdk) throws Exception {
        Path migrations = migrations();
        Files.writeString(migrations.resolve("V3__broken.sql"), "ALTER TABLE missing ADD COLUMN x INTEGER;\n");
        String url = url("broken.db");

        JavaProcess.Result run = run(LegacyJvm.withAgent(DriverManagerApp.class, jdk, "locations=filesystem:" + migrations)
                .args(url));

        assertEquals(3, run.exitCode(), run.output());
        assertTrue(run.output().contains("refused sqlstate=08004"), run.output());
        assertTrue(run.output().contains("V3__broken.sql failed at line 1"), run.output());
        assertEquals(0, SqliteDigest.longValue(url, "SELECT COUNT(*) FROM sluice_schema_history WHERE version = '3' AND success = 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sluice.agent.Jdk#all")
    void anUnchangedSpringBootJarIsGatedWithTheMigrationsInItsBootInfClasses(Jdk jdk) throws Exception {
        Path app = bootApp(DriverManagerApp.class).withLibrariesOf(JDBC.class).writeTo(dir.resolve("boot-app.jar"));
        String url = url("boot.db");

        JavaProcess.Result run = runWithAgent(app, jdk, url);

        assertGatedOnce(run, url, 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sluice.agent.Jdk#all")
    void aSpringBootJarWithItsOwnMicrometerGetsTheGatesMeters(Jdk jdk) throws Exception {
        Path app = bootApp(MeteredApp.class).withLibrariesOf(JDBC.class, Metrics.class, KeyValue.class,
                Observation.class, Histogram.class, SimplePauseDetector.class).writeTo(dir.resolve("metered-app.jar"));
        String url = url("metered.db");

        JavaProcess.Result run = runWithAgent(app, jdk, url);

        assertGatedOnce(run, url, 2);
        assertTrue(run.output().contains("sluice.migrations.applied=2.0"), run.output());
        assertTrue(run.output().contains("sluice.gate.state=1.0"), run.output());
        assertTrue(run.output().contains("sluice.gate.duration.total=1"), run.output());
    }

    /** An unchanged app as a Spring Boot executable jar, the two migrations in its BOOT-INF/classes. */
    private static BootJar bootApp(Class<?> main) {
        return BootJar.startingWith(main).withClasses(Outcome.class)
                .withResource("db/migration/V1__create_item.sql", V1_CREATE_ITEM)
                .withResource("db/migration/V2__add_price.sql", V2_ADD_PRICE);
    }

    /** {@code java -javaagent:sluice-agent.jar -jar app.jar url}. */
    private JavaProcess.Result runWithAgent(Path bootJar, Jdk jdk, String url) throws Exception {
        return run(BootJar.launch(bootJar).java(jdk.java())
                .jvmArgs("--enable-native-access=ALL-UNNAMED", "-javaagent:" + LegacyJvm.AGENT_JAR).args(url));
    }

    /** Exit 0, the vendor's own connections, one gate run that applied both migrations, no JVM warning. */
    private static void assertGatedOnce(JavaProcess.Result run, String url, int connections) throws Exception {
        assertEquals(0, run.exitCode(), run.output());
        assertEquals(connections, count(run.output(), SQLITE_CONNECTION), run.output());
        assertEquals(1, count(run.output(), "migrated v0 -> v2"), run.output());
        assertEquals(2, SqliteDigest.longValue(url, "SELECT COUNT(*) FROM sluice_schema_history WHERE success = 1"));
        assertEquals(1, SqliteDigest.longValue(url, "SELECT COUNT(*) FROM pragma_table_info('item') WHERE name = 'price'"));
        assertFalse(run.output().contains("WARNING"), run.output());
    }

    private Path migrations() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__create_item.sql"), V1_CREATE_ITEM);
        Files.writeString(migrations.resolve("V2__add_price.sql"), V2_ADD_PRICE);
        return migrations;
    }

    private String url(String file) {
        return "jdbc:sqlite:" + dir.resolve(file);
    }

    private JavaProcess.Result run(JavaProcess process) throws Exception {
        return process.workingDirectory(dir).run(dir.resolve("app-" + System.nanoTime() + ".log"), TIMEOUT);
    }

    /** What the app printed itself, without log lines. */
    private static List<String> appLines(JavaProcess.Result run) {
        return run.output().lines().filter(line -> line.startsWith("connection=") || line.startsWith("refused"))
                .collect(Collectors.toList());
    }

    static int count(String output, String text) {
        return (int) output.lines().filter(line -> line.contains(text)).count();
    }
}
