package io.sluice.benchmarks.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The results table of issue 15 (figure, floor or raw, Flyway, Sluice, goal) as ratios, each row's
 * numbers from one part's run, the scaling table, and the plot; written as results.md and
 * scaling.svg in the results folder.
 */
final class Report {
    private final List<Row> rows;
    private final int n;
    private final StringBuilder md = new StringBuilder();

    private Report(List<Row> rows, int n) {
        this.rows = rows;
        this.n = n;
    }

    static void write(Results results, int n) throws IOException {
        List<Row> rows = results.all();
        Report report = new Report(rows, n);
        report.table();
        report.scaling();
        report.fleet();
        report.pgBackup();
        Files.writeString(results.file("results.md"), report.md);
        List<String[]> figures = List.of(new String[] {"up-to-date", "up to date, in process"},
                new String[] {"cold-apply", "cold apply"});
        Files.writeString(results.file("scaling.svg"), Plot.svg(rows, figures, List.of("sqlite", "postgresql")));
        System.out.print(report.md);
        System.out.println("wrote " + results.file("results.md") + " and " + results.file("scaling.svg"));
    }

    private static String name(String db) {
        return db.equals("sqlite") ? "SQLite" : "PostgreSQL";
    }

    private void table() {
        md.append("| figure | floor / raw | Flyway | Sluice | goal |\n|---|---|---|---|---|\n");
        for (String db : List.of("sqlite", "postgresql")) {
            ratioRow("cold apply, " + name(db) + " (N=" + n + ")", "cold-apply", db, n, "raw", "raw", "≤ "
                    + (db.equals("sqlite") ? "0.4" : "1.1") + "× raw");
        }
        for (String db : List.of("sqlite", "postgresql")) {
            ratioRow("up to date, in process, " + name(db) + " (N=" + n + ")", "up-to-date", db, n, "floor", "floor",
                    "≤ 2× floor");
        }
        for (String db : List.of("sqlite", "postgresql")) {
            ratioRow("up to date, in process, interleaved, " + name(db) + " (N=" + n + ")", Interleaved.FIGURE, db, n,
                    "floor", "floor", "≤ 2× floor");
        }
        for (String db : List.of("sqlite", "postgresql")) {
            ratioRow("up to date, fresh JVM, " + name(db) + " (N=" + n + ")", "fresh-jvm", db, n, "floor",
                    "floor process", "≤ 1.2×");
        }
        agentRow();
        backupRow();
        md.append('\n');
    }

    private void ratioRow(String title, String figure, String db, int count, String baseTool, String baseName, String goal) {
        Optional<Row> base = Results.find(rows, figure, db, count, baseTool);
        if (base.isEmpty()) {
            md.append("| ").append(title).append(" | not measured | | | ").append(goal).append(" |\n");
            return;
        }
        md.append("| ").append(title).append(" | ").append(baseName).append(' ').append(millis(base.get().median))
                .append(spread(base.get()))
                .append(" | ").append(ratio(figure, db, count, "flyway", base.get()))
                .append(" | **").append(ratio(figure, db, count, "sluice", base.get())).append("** | ")
                .append(goal).append(" |\n");
    }

    private String ratio(String figure, String db, int count, String tool, Row base) {
        return Results.find(rows, figure, db, count, tool)
                .map(row -> String.format(Locale.ROOT, "%.2f× (%s%s)", row.median / base.median, millis(row.median),
                        spread(row)))
                .orElse("—");
    }

    private void agentRow() {
        Optional<Row> alone = rows.stream().filter(r -> r.figure.equals("agent") && r.tool.equals("app")).reduce((a, b) -> b);
        Optional<Row> gated = rows.stream().filter(r -> r.figure.equals("agent") && r.tool.equals("app+agent")).reduce((a, b) -> b);
        if (alone.isEmpty() || gated.isEmpty()) {
            md.append("| `-javaagent`, nothing pending, whole app start | not measured | — | | ≤ +100 ms, ≤ +10 MiB |\n");
            return;
        }
        double rss = (Double.parseDouble(gated.get().extra("rss_kib")) - Double.parseDouble(alone.get().extra("rss_kib"))) / 1024;
        double heap = (Double.parseDouble(gated.get().extra("heap_kib")) - Double.parseDouble(alone.get().extra("heap_kib"))) / 1024;
        md.append(String.format(Locale.ROOT, "| `-javaagent`, nothing pending, whole app start (SQLite, N=%d) | app alone %s, "
                        + "RSS %.0f MiB | — | **%.2f× (%s, +%.0f ms, RSS %+.1f MiB, heap %+.1f MiB, classes %s → %s)** | "
                        + "≤ +100 ms, ≤ +10 MiB |%n", gated.get().n, millis(alone.get().median),
                Double.parseDouble(alone.get().extra("rss_kib")) / 1024, gated.get().median / alone.get().median,
                millis(gated.get().median), gated.get().median - alone.get().median, rss, heap,
                alone.get().extra("classes"), gated.get().extra("classes")));
    }

    private void backupRow() {
        Optional<Row> copy = rows.stream().filter(r -> r.figure.equals("backup") && r.tool.equals("cp+fsync")).reduce((a, b) -> b);
        if (copy.isEmpty()) {
            md.append("| verified backup of a large SQLite file | not measured | none | | backup ≥ 0.7× `cp` throughput; "
                    + "verify reported apart |\n");
            return;
        }
        int mib = copy.get().n;
        Optional<Row> step = Results.find(rows, "backup", "sqlite", mib, "gate-backup-step");
        Optional<Row> taken = Results.find(rows, "backup", "sqlite", mib, "gate-backup-taken");
        Optional<Row> check = Results.find(rows, "backup", "sqlite", mib, "gate-backup-check");
        Optional<Row> cli = Results.find(rows, "backup", "sqlite", mib, "sluice-cli-backup");
        Optional<Row> jvm = Results.find(rows, "backup", "sqlite", mib, "jvm");
        StringBuilder sluice = new StringBuilder();
        step.ifPresent(row -> sluice.append(String.format(Locale.ROOT, "gate's backup step %s", millis(row.median))));
        taken.ifPresent(row -> sluice.append(String.format(Locale.ROOT, ": backup taken %s = %.2f× `cp` throughput",
                millis(row.median), copy.get().median / row.median)));
        check.ifPresent(row -> sluice.append(String.format(Locale.ROOT, ", check of the copy %s", millis(row.median))));
        step.ifPresent(row -> sluice.append(String.format(Locale.ROOT, " (gate's verify step %s, apart)",
                millis(Double.parseDouble(row.extra("gate_verify_ms"))))));
        cli.ifPresent(row -> sluice.append(String.format(Locale.ROOT, "; CLI `backup` %s%s", millis(row.median),
                jvm.map(j -> " (JVM alone " + millis(j.median) + ")").orElse(""))));
        md.append(String.format(Locale.ROOT, "| verified backup of a %d MiB SQLite file | `cp` + fsync %s | none | **%s** | "
                + "backup ≥ 0.7× `cp` throughput; verify reported apart |%n", mib, millis(copy.get().median), sluice));
    }

    private void scaling() {
        TreeSet<Integer> counts = new TreeSet<>();
        rows.stream().filter(r -> r.figure.equals("up-to-date") || r.figure.equals("cold-apply")).forEach(r -> counts.add(r.n));
        if (counts.isEmpty()) {
            return;
        }
        md.append("Scaling, in process (medians, ± half the range of the samples; ratios to the floor or the raw "
                + "loop of the same run):\n\n"
                + "| figure | N | floor / raw | Flyway | Sluice |\n|---|---|---|---|---|\n");
        for (String figure : List.of("up-to-date", "cold-apply")) {
            for (String db : List.of("sqlite", "postgresql")) {
                for (int count : counts) {
                    String baseTool = figure.equals("up-to-date") ? "floor" : "raw";
                    Optional<Row> base = Results.find(rows, figure, db, count, baseTool);
                    if (base.isEmpty()) {
                        continue;
                    }
                    md.append("| ").append(figure.replace('-', ' ')).append(", ").append(name(db)).append(" | ")
                            .append(count).append(" | ").append(baseTool).append(' ').append(millis(base.get().median))
                            .append(spread(base.get()))
                            .append(" | ").append(ratio(figure, db, count, "flyway", base.get()))
                            .append(" | ").append(ratio(figure, db, count, "sluice", base.get())).append(" |\n");
                }
            }
        }
        md.append('\n');
    }

    private static final java.util.Map<String, String> STATES = java.util.Map.of("cold", "fresh (N pending)",
            "uptodate", "up to date", "plain", "up to date, plain pgjdbc URL (no Sluice)");

    /** Instances starting at once: the time until all are ready, against one alone on the same kind of database. */
    private void fleet() {
        List<Row> fleet = rows.stream().filter(r -> r.figure.equals("fleet")).collect(Collectors.toList());
        if (fleet.isEmpty()) {
            return;
        }
        md.append("Instances starting at once on PostgreSQL (N=" + fleet.get(0).n + ", each a JVM with a "
                + fleet.get(0).extra("pool") + "-connection HikariCP pool; wall time from starting them to the last one "
                + "ready and ended, against one instance alone):\n\n"
                + "| database | instances | all ready | against one alone | slowest instance's own time to ready |\n"
                + "|---|---|---|---|---|\n");
        for (String state : List.of("cold", "uptodate", "plain")) {
            Optional<Row> alone = Results.find(rows, "fleet", "postgresql", fleet.get(0).n, state + "-1");
            for (Row row : fleet) {
                if (!row.tool.startsWith(state + "-") || alone.isEmpty()) {
                    continue;
                }
                md.append(String.format(Locale.ROOT, "| %s | %s | %s%s | %.2f× | %s |%n",
                        STATES.get(state), row.tool.substring(state.length() + 1),
                        millis(row.median), spread(row), row.median / alone.get().median,
                        millis(Double.parseDouble(row.extra("slowest_ready_ms")))));
            }
        }
        md.append('\n');
    }

    /** pg_dump's formats and the gate's backup step on one PostgreSQL database, each way's median. */
    private void pgBackup() {
        List<Row> backup = rows.stream().filter(r -> r.figure.equals("pgbackup")).collect(Collectors.toList());
        if (backup.isEmpty()) {
            return;
        }
        md.append("Backup of a PostgreSQL database of " + backup.get(0).extra("database_mib") + " MiB (medians):\n\n"
                + "| way | time |\n|---|---|\n");
        for (Row row : backup) {
            md.append("| ").append(row.tool).append(" | ").append(millis(row.median)).append(spread(row)).append(" |\n");
        }
        md.append('\n');
    }

    /** Half the range of the samples, as a share of the median: how far one sample may stray. */
    static String spread(Row row) {
        if (row.samples < 2 || row.median <= 0) {
            return "";
        }
        return String.format(Locale.ROOT, " ±%.0f %%", (row.high - row.low) / 2 / row.median * 100);
    }

    static String millis(double millis) {
        return millis >= 1000 ? String.format(Locale.ROOT, "%,.2f s", millis / 1000)
                : millis >= 10 ? String.format(Locale.ROOT, "%.0f ms", millis)
                : String.format(Locale.ROOT, "%.2f ms", millis);
    }
}
