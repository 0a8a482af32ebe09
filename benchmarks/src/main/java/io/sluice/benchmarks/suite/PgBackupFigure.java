package io.sluice.benchmarks.suite;

import io.sluice.Sluice;
import io.sluice.benchmarks.side.Database;
import io.sluice.benchmarks.side.Target;
import io.sluice.migrations.run.GateReport;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A PostgreSQL database of about {@code --mib} MiB backed up by {@code pg_dump}: the custom format
 * the gate writes (gzip at pg_dump's default level), at level 1 and uncompressed, and the directory format with two
 * parallel jobs, each checked with
 * {@code pg_restore --list}, and the gate's own backup step (one trivial migration pending), with
 * its check of the dump apart.
 */
final class PgBackupFigure {
    private PgBackupFigure() {
    }

    static List<Row> run(int mebibytes, int rounds, Path work) throws Exception {
        Map<String, List<Double>> times = new LinkedHashMap<>();
        long bytes;
        try (Database database = Database.start("postgresql", work.resolve("db"))) {
            Target target = database.fresh("pgbackup");
            bytes = generate(target, mebibytes);
            URI address = URI.create(target.url().substring("jdbc:".length()));
            List<String> server = List.of("--host=" + address.getHost(), "--port=" + address.getPort(),
                    "--username=" + target.user(), "--no-password", "--dbname=" + address.getPath().substring(1));
            ProcessTimer timer = new ProcessTimer(Files.createDirectories(work.resolve("runs")));
            Path out = Files.createDirectories(work.resolve("out"));
            for (int round = 0; round < rounds + 1; round++) {
                boolean measured = round > 0;
                Database.deleteTree(out);
                Files.createDirectories(out);
                Path custom = out.resolve("custom.dump");
                Path directory = out.resolve("directory");
                time(times, measured, "pg_dump-custom", timer, command("pg_dump", server, "--format=custom",
                        "--schema=public", "--file=" + custom));
                time(times, measured, "pg_restore-list-custom", timer, List.of("pg_restore", "--list", custom.toString()));
                time(times, measured, "pg_dump-custom-gzip1", timer, command("pg_dump", server, "--format=custom",
                        "--compress=1", "--schema=public", "--file=" + out.resolve("fast.dump")));
                time(times, measured, "pg_dump-custom-uncompressed", timer, command("pg_dump", server, "--format=custom",
                        "--compress=0", "--schema=public", "--file=" + out.resolve("plain.dump")));
                time(times, measured, "pg_dump-directory-j2", timer, command("pg_dump", server, "--format=directory",
                        "--jobs=2", "--schema=public", "--file=" + directory));
                time(times, measured, "pg_restore-list-directory", timer, List.of("pg_restore", "--list",
                        directory.toString()));
                GateReport report = gate(target, work.resolve("scripts-" + round), out.resolve("gate"));
                if (measured) {
                    BackupFigure.recordBackupStep(times, report);
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<Double>> entry : times.entrySet()) {
            rows.add(Row.of("pgbackup", "postgresql", mebibytes, entry.getKey(), entry.getValue(),
                    Map.of("database_mib", Long.toString(bytes >> 20))));
        }
        return rows;
    }

    private static List<String> command(String program, List<String> server, String... arguments) {
        List<String> command = new ArrayList<>(List.of(program));
        command.addAll(server);
        command.addAll(List.of(arguments));
        return command;
    }

    private static void time(Map<String, List<Double>> times, boolean measured, String what, ProcessTimer timer,
                             List<String> command) throws Exception {
        double millis = timer.run(command).millis;
        if (measured) {
            times.computeIfAbsent(what, k -> new ArrayList<>()).add(millis);
        }
    }

    /** A table of random rows with an index, grown to about {@code mebibytes}; the database's size in bytes. */
    private static long generate(Target target, int mebibytes) throws SQLException {
        try (Connection connection = DriverManager.getConnection(target.url(), target.login());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE accounts (id BIGINT PRIMARY KEY, owner TEXT NOT NULL, balance INTEGER, "
                    + "note BYTEA)");
            statement.execute("CREATE INDEX accounts_owner ON accounts (owner)");
            long rows = 0;
            while (size(statement) < ((long) mebibytes << 20)) {
                // Random bytes (md5 of random()), so pg_dump's compression has as little to gain as on real data.
                statement.execute("INSERT INTO accounts SELECT " + rows + " + g, md5(g::text), (random() * 100000)::int, "
                        + "decode(md5(random()::text) || md5(random()::text) || md5(random()::text) || md5(random()::text)"
                        + " || md5(random()::text) || md5(random()::text) || md5(random()::text) || md5(random()::text), 'hex')"
                        + " FROM generate_series(1, 20000) g");
                rows += 20000;
            }
            statement.execute("VACUUM ANALYZE accounts");
            return size(statement);
        }
    }

    private static long size(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT pg_database_size(current_database())")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One gate run with one small pending migration, so it backs the database up first. */
    private static GateReport gate(Target target, Path scripts, Path backups) throws Exception {
        Files.createDirectories(scripts);
        String table = "bench_marker_" + scripts.getFileName().toString().replace('-', '_');
        Files.writeString(scripts.resolve("V1__marker.sql"), "CREATE TABLE " + table + " (id INTEGER PRIMARY KEY);\n");
        Properties settings = target.login();
        settings.setProperty("sluice.locations", "filesystem:" + scripts);
        settings.setProperty("sluice.backupDir", backups.toString());
        settings.setProperty("sluice.table", "history_" + table);
        return Sluice.migrate(target.sluiceUrl(), settings);
    }
}
