package io.sluice.benchmarks.side;

import io.sluice.Sluice;
import io.sluice.migrations.run.GateReport;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.logging.LogFactory;
import org.flywaydb.core.internal.logging.javautil.JavaUtilLogCreator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/**
 * The four contenders, each as an app would call it: the floor (one connection and one query),
 * the raw JDBC loop, Flyway and Sluice.
 */
public final class Tools {
    /** The raw loop's history table, which the floor reads. */
    public static final String RAW_HISTORY = "raw_history";

    static {
        // The fat jar carries slf4j-nop for the embedded server, which Flyway would pick and so log
        // nothing; an app without slf4j gets java.util.logging, as Sluice uses.
        LogFactory.setLogCreator(new JavaUtilLogCreator());
        formatLogLinesAndDropThem();
    }

    /**
     * Every INFO line is still built and formatted as an app's console handler formats it, then
     * dropped instead of written to the console: a JMH fork's console is a pipe to the JMH process,
     * which reads and prints every line, and on two cores that process took the CPU the measured
     * start needed (Sluice's in-process figure read 7.4 ms with its one line per start relayed,
     * 5.8 ms without). The floor logs nothing, Flyway several lines a start.
     */
    private static void formatLogLinesAndDropThem() {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        StreamHandler dropped = new StreamHandler(OutputStream.nullOutputStream(), new SimpleFormatter()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        dropped.setLevel(Level.INFO);
        root.addHandler(dropped);
    }

    private Tools() {
    }

    /** One connection and {@code SELECT max(version)} of a history table: what no tool can beat. */
    public static int floor(Target target) throws SQLException {
        try (Connection connection = DriverManager.getConnection(target.url(), target.login());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT max(version) FROM " + RAW_HISTORY)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** A plain JDBC loop: each script's statements and a history row, one commit per script. */
    public static void raw(Target target, Workload workload) throws SQLException, IOException {
        raw(target, workload, RawTimes.NONE);
    }

    /** The raw loop, telling {@code times} how long each kind of call took (for the cost model). */
    public static void raw(Target target, Workload workload, RawTimes times) throws SQLException, IOException {
        try (Connection connection = DriverManager.getConnection(target.url(), target.login())) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + RAW_HISTORY
                        + " (version INTEGER PRIMARY KEY, script VARCHAR(200) NOT NULL)");
            }
            connection.setAutoCommit(false);
            int version = 0;
            try (PreparedStatement history = connection.prepareStatement(
                    "INSERT INTO " + RAW_HISTORY + " (version, script) VALUES (?, ?)");
                 Statement statement = connection.createStatement()) {
                for (Path script : workload.scripts()) {
                    version++;
                    long start = System.nanoTime();
                    String text = Files.readString(script);
                    times.read(System.nanoTime() - start);
                    for (String sql : text.split(";\n")) {
                        if (!sql.isBlank()) {
                            start = System.nanoTime();
                            statement.execute(sql);
                            times.statement(sql, System.nanoTime() - start);
                        }
                    }
                    start = System.nanoTime();
                    history.setInt(1, version);
                    history.setString(2, script.getFileName().toString());
                    history.executeUpdate();
                    times.history(System.nanoTime() - start);
                    start = System.nanoTime();
                    connection.commit();
                    times.commit(System.nanoTime() - start);
                }
            }
        }
    }

    /** Where the raw loop's time goes, call by call. */
    public interface RawTimes {
        RawTimes NONE = new RawTimes() { };

        default void read(long nanos) {
        }

        default void statement(String sql, long nanos) {
        }

        default void history(long nanos) {
        }

        default void commit(long nanos) {
        }
    }

    /** Flyway as an app starts it: configure, load, migrate (which validates every applied checksum). */
    public static int flyway(Target target, Workload workload) {
        return Flyway.configure()
                .dataSource(target.url(), target.user(), null)
                .locations(workload.location())
                .load()
                .migrate()
                .migrationsExecuted;
    }

    /** Sluice's whole gate through its Java API, with its defaults (a verified backup before migrating). */
    public static GateReport sluice(Target target, Workload workload) throws SQLException {
        return Sluice.migrate(target.sluiceUrl(), sluiceSettings(target, workload));
    }

    public static Properties sluiceSettings(Target target, Workload workload) {
        Properties settings = target.login();
        settings.setProperty("sluice.locations", workload.location());
        settings.setProperty("sluice.backupDir", target.folder().resolve("backups").toString());
        return settings;
    }
}
