package io.sluice.benchmarks.suite;

import io.sluice.benchmarks.side.Database;
import io.sluice.benchmarks.side.Target;
import io.sluice.benchmarks.side.Tools;
import io.sluice.benchmarks.side.Workload;
import io.sluice.migrations.run.GateReport;
import io.sluice.migrations.run.GateStep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where Sluice's time goes, per figure, step, migration and statement, for one database:
 * {@code CostModel DB N UP_TO_DATE_RUNS COLD_RUNS OUT.md}. Runs in a JVM of its own (the suite
 * starts it with a deep JFR stack depth) and writes one markdown section.
 */
public final class CostModel {
    private static final Predicate<String> SLUICE = frame -> frame.startsWith("io.sluice.")
            && !frame.startsWith("io.sluice.benchmarks.") && !frame.startsWith("io.sluice.shaded.");
    private static final Predicate<String> JDBC = frame -> frame.startsWith("org.postgresql.jdbc.")
            || frame.startsWith("org.sqlite.jdbc");

    /** Costs named by what they are, each the share of samples with a matching frame on the stack. */
    private static final Map<String, Predicate<String>> NAMED = new LinkedHashMap<>();

    static {
        NAMED.put("JDBC DatabaseMetaData calls", frame -> frame.contains("DatabaseMetaData."));
        NAMED.put("history table (io.sluice.migrations.history)", frame -> frame.startsWith("io.sluice.migrations.history."));
        NAMED.put("resolving locations (io.sluice.migrations.resolve)", frame -> frame.startsWith("io.sluice.migrations.resolve."));
        NAMED.put("SHA-256 (MessageDigest)", frame -> frame.startsWith("java.security.MessageDigest")
                || frame.startsWith("sun.security.provider.SHA") || frame.startsWith("sun.security.provider.Digest"));
        NAMED.put("reading files (java.nio.file.Files)", frame -> frame.startsWith("java.nio.file.Files.read")
                || frame.startsWith("java.nio.file.Files.newInputStream"));
        NAMED.put("listing folders (java.nio.file.Files.list/walk/newDirectoryStream)", frame -> frame.startsWith("java.nio.file.Files.list")
                || frame.startsWith("java.nio.file.Files.walk") || frame.startsWith("java.nio.file.Files.newDirectoryStream"));
        NAMED.put("splitting and classifying SQL (io.sluice.migrations.sql)", frame -> frame.startsWith("io.sluice.migrations.sql."));
        NAMED.put("planning (io.sluice.migrations.plan)", frame -> frame.startsWith("io.sluice.migrations.plan."));
        NAMED.put("catalog reads (*Catalog*)", frame -> frame.startsWith("io.sluice.") && frame.contains("Catalog"));
        NAMED.put("lock (*Lock*)", frame -> frame.startsWith("io.sluice.") && frame.contains("Lock"));
        NAMED.put("backup (*Backup*, PgDump)", frame -> frame.startsWith("io.sluice.")
                && (frame.contains("Backup") || frame.contains("PgDump")));
        NAMED.put("verify (*Verif*, *Checks*)", frame -> frame.startsWith("io.sluice.")
                && (frame.contains("Verif") || frame.contains("Checks")));
        NAMED.put("applying (io.sluice.migrations.run.Migrator)", frame -> frame.startsWith("io.sluice.migrations.run.Migrator."));
        NAMED.put("logging (java.util.logging, System.Logger)", frame -> frame.startsWith("java.util.logging.")
                || frame.startsWith("jdk.internal.logger.") || frame.startsWith("sun.util.logging."));
        NAMED.put("metrics (io.micrometer, GateMetrics)", frame -> frame.startsWith("io.micrometer.")
                || frame.startsWith("io.sluice.migrations.metrics."));
        NAMED.put("opening connections (Driver.connect)", frame -> frame.endsWith("Driver.connect")
                || frame.startsWith("java.sql.DriverManager.getConnection"));
        NAMED.put("waiting for PostgreSQL (socket I/O)", frame -> frame.startsWith("sun.nio.ch.NioSocketImpl")
                || frame.startsWith("sun.nio.ch.SocketDispatcher") || frame.startsWith("java.net.Socket"));
        NAMED.put("file channel I/O (sun.nio.ch.FileChannelImpl)", frame -> frame.startsWith("sun.nio.ch.FileChannelImpl")
                || frame.startsWith("sun.nio.ch.FileDispatcherImpl"));
        NAMED.put("SQLite's native code (org.sqlite.core.NativeDB)", frame -> frame.startsWith("org.sqlite.core.NativeDB."));
        NAMED.put("regular expressions (java.util.regex)", frame -> frame.startsWith("java.util.regex."));
    }

    private final StringBuilder out = new StringBuilder();
    private final Path scratch;

    private CostModel(Path scratch) {
        this.scratch = scratch;
    }

    public static void main(String[] args) throws Exception {
        String db = args[0];
        int count = Integer.parseInt(args[1]);
        int upToDateRuns = Integer.parseInt(args[2]);
        int coldRuns = Integer.parseInt(args[3]);
        Path file = Paths.get(args[4]);
        Path work = Files.createTempDirectory("sluice-cost");
        CostModel model = new CostModel(work);
        try (Database database = Database.start(db, work.resolve("db"))) {
            Workload workload = Workload.generate(work.resolve("scripts"), count);
            model.out.append("## Cost model: ").append(db).append(", ").append(count).append(" migrations\n\n");
            model.upToDate(database, workload, upToDateRuns);
            model.cold(database, workload, coldRuns);
        } finally {
            Database.deleteTree(work);
        }
        Files.writeString(file, model.out);
        System.out.print(model.out);
    }

    @FunctionalInterface
    private interface Run {
        Object run() throws Exception;
    }

    private double loop(int runs, Run body) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            body.run();
        }
        return (System.nanoTime() - start) / 1e6 / runs;
    }

    private void upToDate(Database database, Workload workload, int runs) throws Exception {
        Target floor = database.fresh("floor");
        Tools.raw(floor, workload);
        Target flyway = database.fresh("flyway");
        Tools.flyway(flyway, workload);
        Target sluice = database.fresh("sluice");
        Tools.sluice(sluice, workload);
        loop(Math.max(20, runs / 5), () -> Tools.floor(floor));
        loop(Math.max(20, runs / 5), () -> Tools.sluice(sluice, workload));
        loop(Math.max(5, runs / 20), () -> Tools.flyway(flyway, workload));

        out.append("### Up to date, in process (").append(runs).append(" runs each, after warm-up)\n\n");
        Profile floorProfile = new Profile();
        double floorMillis = loop(runs, () -> Tools.floor(floor));
        floorProfile.stop(scratch.resolve("floor.jfr"));
        Profile flywayProfile = new Profile();
        double flywayMillis = loop(Math.max(5, runs / 5), () -> Tools.flyway(flyway, workload));
        flywayProfile.stop(scratch.resolve("flyway.jfr"));

        Map<GateStep, Double> steps = new EnumMap<>(GateStep.class);
        Profile profile = new Profile();
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            GateReport report = Tools.sluice(sluice, workload);
            report.steps().forEach((step, result) -> steps.merge(step, result.duration().toNanos() / 1e6, Double::sum));
        }
        double millis = (System.nanoTime() - start) / 1e6 / runs;
        profile.stop(scratch.resolve("sluice-uptodate.jfr"));
        steps.replaceAll((step, total) -> total / runs);

        out.append(String.format(Locale.ROOT, "| | ms per start | socket reads per start |%n|---|---|---|%n"
                        + "| floor | %.2f | %.1f |%n| Flyway | %.2f | %.1f |%n| Sluice (`Sluice.migrate`) | %.2f | %.1f |%n%n",
                floorMillis, (double) floorProfile.socketReads() / runs,
                flywayMillis, (double) flywayProfile.socketReads() / Math.max(5, runs / 5),
                millis, (double) profile.socketReads() / runs));
        out.append("Sluice's steps, mean ms per start (GateReport): ");
        steps.forEach((step, mean) -> out.append(String.format(Locale.ROOT, "%s %.2f; ", step.tag(), mean)));
        out.append("\n\n");
        profileSection(profile, millis, runs, "Sluice, up to date");
        out.append("Flyway, up to date, for comparison: where its samples are (top frames by package):\n\n");
        flywayProfile.self(CostModel::packageOf, 8).forEach((group, share) ->
                out.append(String.format(Locale.ROOT, "- %s: %.0f %%%n", group, share * 100)));
        out.append('\n');
    }

    private void cold(Database database, Workload workload, int runs) throws Exception {
        int count = workload.count();
        out.append("### Cold apply (").append(runs).append(" runs each, a fresh database per run)\n\n");
        Map<String, Double> raw = new LinkedHashMap<>();
        Tools.RawTimes times = new Tools.RawTimes() {
            @Override
            public void read(long nanos) {
                raw.merge("read script", nanos / 1e6, Double::sum);
            }

            @Override
            public void statement(String sql, long nanos) {
                String kind = sql.startsWith("CREATE TABLE") ? "CREATE TABLE"
                        : sql.startsWith("CREATE INDEX") ? "CREATE INDEX" : "INSERT (each of 2)";
                raw.merge(kind, nanos / 1e6 / (kind.startsWith("INSERT") ? 2 : 1), Double::sum);
            }

            @Override
            public void history(long nanos) {
                raw.merge("history row", nanos / 1e6, Double::sum);
            }

            @Override
            public void commit(long nanos) {
                raw.merge("commit", nanos / 1e6, Double::sum);
            }
        };
        Profile rawProfile = new Profile();
        double rawMillis = 0;
        for (int i = 0; i < runs; i++) {
            Target target = database.fresh("raw");
            long start = System.nanoTime();
            Tools.raw(target, workload, times);
            rawMillis += (System.nanoTime() - start) / 1e6;
            database.drop(target);
        }
        rawProfile.stop(scratch.resolve("raw.jfr"));
        rawMillis /= runs;

        Map<GateStep, Double> steps = new EnumMap<>(GateStep.class);
        double perMigration = 0;
        Profile profile = new Profile();
        double millis = 0;
        for (int i = 0; i < runs; i++) {
            Target target = database.fresh("sluice");
            long start = System.nanoTime();
            GateReport report = Tools.sluice(target, workload);
            millis += (System.nanoTime() - start) / 1e6;
            report.steps().forEach((step, result) -> steps.merge(step, result.duration().toNanos() / 1e6, Double::sum));
            perMigration += report.migrations().stream().mapToDouble(run -> run.duration().toNanos() / 1e6).sum() / count;
            database.drop(target);
        }
        profile.stop(scratch.resolve("sluice-cold.jfr"));
        millis /= runs;
        perMigration /= runs;
        steps.replaceAll((step, total) -> total / runs);

        out.append(String.format(Locale.ROOT, "| | ms per apply | ms per migration | socket reads per migration |%n"
                        + "|---|---|---|---|%n| raw loop | %.0f | %.3f | %.1f |%n| Sluice | %.0f | %.3f (in Migrator; %.3f overall) | %.1f |%n%n",
                rawMillis, rawMillis / count, (double) rawProfile.socketReads() / runs / count,
                millis, perMigration, millis / count, (double) profile.socketReads() / runs / count));
        out.append("Raw loop, mean ms per migration by call: ");
        raw.forEach((what, total) -> out.append(String.format(Locale.ROOT, "%s %.3f; ", what, total / runs / count)));
        out.append("\n\nSluice's steps, mean ms per apply (GateReport): ");
        steps.forEach((step, mean) -> out.append(String.format(Locale.ROOT, "%s %.1f; ", step.tag(), mean)));
        out.append("\n\n");
        profileSection(profile, millis, runs, "Sluice, cold apply");
    }

    private void profileSection(Profile profile, double millisPerRun, int runs, String title) {
        out.append("#### ").append(title).append(": JFR, ").append(profile.sampleCount())
                .append(" samples of the gate's thread every ").append(Profile.PERIOD_MILLIS).append(" ms (")
                .append(profile.sampleKinds()).append(String.format(Locale.ROOT, ") over %.0f ms%n%n", millisPerRun * runs));
        out.append("Named costs (share of samples with such a frame on the stack → ms per run):\n\n");
        NAMED.forEach((name, frame) -> {
            double share = profile.share(frame);
            if (share >= 0.005) {
                out.append(String.format(Locale.ROOT, "- %s: %.1f %% → %.2f ms%n", name, share * 100, share * millisPerRun));
            }
        });
        out.append("\nSluice methods, inclusive (share → ms per run):\n\n");
        profile.inclusive(SLUICE, 25).forEach((method, share) ->
                out.append(String.format(Locale.ROOT, "- `%s`: %.1f %% → %.2f ms%n", method, share * 100, share * millisPerRun)));
        out.append("\nWhere the thread was (top frame, by package):\n\n");
        profile.self(CostModel::packageOf, 10).forEach((group, share) ->
                out.append(String.format(Locale.ROOT, "- %s: %.1f %% → %.2f ms%n", group, share * 100, share * millisPerRun)));
        if (profile.socketReads() > 0) {
            out.append(String.format(Locale.ROOT, "%nSocket reads (one per round trip, more when a result outgrows pgjdbc's "
                    + "buffer): %.1f per run, %.2f ms in them per run; by call site (innermost Sluice frame → JDBC call), per run:%n%n", (double) profile.socketReads() / runs,
                    profile.socketReadMillis() / runs));
            profile.readsBy(SLUICE, JDBC, 20).forEach((site, reads) ->
                    out.append(String.format(Locale.ROOT, "- %s: %.1f%n", site, reads / runs)));
        }
        out.append('\n');
    }

    static String packageOf(String frame) {
        int method = frame.lastIndexOf('.');
        String type = method < 0 ? frame : frame.substring(0, method);
        int dot = type.lastIndexOf('.');
        String pkg = dot < 0 ? type : type.substring(0, dot);
        return pkg.startsWith("io.sluice.") || pkg.startsWith("org.sqlite") || pkg.startsWith("org.postgresql")
                ? pkg : ClassLoads.group(type);
    }
}
