package io.sluice.benchmarks.suite;

import io.sluice.Sluice;
import io.sluice.migrations.run.GateReport;
import io.sluice.migrations.run.GateStep;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A verified backup of a large SQLite file against {@code cp} + fsync: Sluice's command-line
 * {@code backup} (JVM start included), the gate's backup step in process (and its verify step
 * apart), and the ways a backup could be taken or checked, each timed on its own.
 */
final class BackupFigure {
    private BackupFigure() {
    }

    static List<Row> run(int mebibytes, int rounds, String javaHome, Path work) throws Exception {
        Jars jars = new Jars();
        Path source = work.resolve("large.db");
        generate(source, mebibytes);
        Path out = Files.createDirectories(work.resolve("out"));
        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, List<Double>> verify = new LinkedHashMap<>();
        ProcessTimer timer = new ProcessTimer(work);
        Java java = Java.of(javaHome);
        Path copy = out.resolve("copy.db");
        for (int round = 0; round < rounds + 1; round++) {
            boolean measured = round > 0;
            clean(out);
            time(times, measured, "cp+fsync", () -> timer.run(List.of("sh", "-c",
                    "cp \"$0\" \"$1\" && sync \"$1\"", source.toString(), copy.toString())));
            clean(out);
            time(times, measured, "jvm", () -> timer.run(java.with()
                    .classPath(List.of(jars.mains()), "io.sluice.benchmarks.mains.EmptyMain").command()));
            time(times, measured, "sluice-cli-backup", () -> timer.run(java.with("-Dsluice.backupDir=" + out)
                    .jar(jars.sluiceCli(), "backup", "--url", "jdbc:sqlite:" + source).command()));
            clean(out);
            time(times, measured, "java-copy+force", () -> copyAndForce(source, copy));
            time(times, measured, "integrity_check", () -> pragma(copy, "PRAGMA integrity_check"));
            time(times, measured, "quick_check", () -> pragma(copy, "PRAGMA quick_check"));
            time(times, measured, "row-counts", () -> rowCounts(copy));
            clean(out);
            time(times, measured, "online-backup-api", () -> sql(source, "backup to " + copy));
            clean(out);
            time(times, measured, "vacuum-into", () -> sql(source, "VACUUM INTO '" + copy + "'"));
            clean(out);
            Path live = work.resolve("live.db");
            Files.copy(source, live, StandardCopyOption.REPLACE_EXISTING);
            GateReport report = gate(live, work, out);
            if (measured) {
                recordBackupStep(times, report);
                verify.computeIfAbsent("gate-backup-step", k -> new ArrayList<>())
                        .add(report.steps().get(GateStep.VERIFY).duration().toNanos() / 1e6);
            }
            Files.delete(live);
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<Double>> entry : times.entrySet()) {
            Map<String, String> extra = new LinkedHashMap<>();
            extra.put("mib", Long.toString(Files.size(source) >> 20));
            if (verify.containsKey(entry.getKey())) {
                List<Double> sorted = new ArrayList<>(verify.get(entry.getKey()));
                sorted.sort(null);
                extra.put("gate_verify_ms", Row.format(Row.median(sorted)));
            }
            rows.add(Row.of("backup", "sqlite", mebibytes, entry.getKey(), entry.getValue(), extra));
        }
        Files.delete(source);
        return rows;
    }

    /** The gate's backup step, the backup taken (the step without its check: what the goal is about) and the check. */
    static void recordBackupStep(Map<String, List<Double>> times, GateReport report) {
        double step = report.steps().get(GateStep.BACKUP).duration().toNanos() / 1e6;
        double check = report.backupCheck().toNanos() / 1e6;
        times.computeIfAbsent("gate-backup-step", k -> new ArrayList<>()).add(step);
        times.computeIfAbsent("gate-backup-taken", k -> new ArrayList<>()).add(step - check);
        times.computeIfAbsent("gate-backup-check", k -> new ArrayList<>()).add(check);
    }

    @FunctionalInterface
    private interface Body {
        void run() throws Exception;
    }

    private static void time(Map<String, List<Double>> times, boolean measured, String what, Body body)
            throws Exception {
        long start = System.nanoTime();
        body.run();
        double millis = (System.nanoTime() - start) / 1e6;
        if (measured) {
            times.computeIfAbsent(what, k -> new ArrayList<>()).add(millis);
        }
    }

    /** A table of random rows with an index, grown to about {@code mebibytes}. */
    static void generate(Path file, int mebibytes) throws SQLException, IOException {
        Files.deleteIfExists(file);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT NOT NULL, balance INTEGER,"
                    + " note BLOB)");
            statement.execute("CREATE INDEX accounts_owner ON accounts (owner)");
            long rows = 0;
            while (Files.size(file) < ((long) mebibytes << 20)) {
                statement.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 2000) "
                        + "INSERT INTO accounts (id, owner, balance, note) SELECT " + rows + " + i, hex(randomblob(8)),"
                        + " abs(random() % 100000), randomblob(800) FROM n");
                rows += 2000;
            }
        }
    }

    private static void clean(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
    }

    private static void copyAndForce(Path source, Path target) throws IOException {
        try (FileChannel in = FileChannel.open(source);
             FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long size = in.size();
            for (long done = 0; done < size; ) {
                done += in.transferTo(done, size - done, out);
            }
            out.force(true);
        }
    }

    private static void pragma(Path file, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            if (!rows.getString(1).equals("ok")) {
                throw new IllegalStateException(sql + ": " + rows.getString(1));
            }
        }
    }

    private static void rowCounts(Path file) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
                    rows.next();
                }
            }
        }
    }

    private static void sql(Path file, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    /** One gate run with one small pending migration, so it backs the large file up and verifies. */
    private static GateReport gate(Path live, Path work, Path backups) throws IOException, SQLException {
        Path scripts = Files.createDirectories(work.resolve("one-migration"));
        Files.writeString(scripts.resolve("V1__marker.sql"), "CREATE TABLE bench_marker (id INTEGER PRIMARY KEY);\n");
        java.util.Properties settings = new java.util.Properties();
        settings.setProperty("sluice.locations", "filesystem:" + scripts);
        settings.setProperty("sluice.backupDir", backups.toString());
        return Sluice.migrate("jdbc:sluice:sqlite:" + live, settings);
    }
}
