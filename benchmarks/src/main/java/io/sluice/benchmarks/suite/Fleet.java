package io.sluice.benchmarks.suite;

import io.sluice.benchmarks.side.Database;
import io.sluice.benchmarks.side.Target;
import io.sluice.benchmarks.side.Workload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Instances of an app starting at once on one PostgreSQL database, each a JVM with a HikariCP pool
 * of {@code POOL} connections through Sluice's driver: the time until all of them are ready, for
 * 1, 4 and 8 instances, on a fresh database (one applies the N migrations under the advisory lock,
 * the others wait for it) and on an up-to-date one; and the same pools on the plain pgjdbc URL,
 * which is what an instance costs without Sluice.
 */
final class Fleet {
    static final int POOL = 16;

    private Fleet() {
    }

    static List<Row> run(int count, List<Integer> fleets, int rounds, String javaHome, Path work) throws Exception {
        Jars jars = new Jars();
        List<Path> classPath = new ArrayList<>(List.of(jars.mains(), jars.sluiceDriver(), jars.pgjdbc()));
        classPath.addAll(jars.matching("HikariCP-"));
        classPath.addAll(jars.matching("slf4j-"));
        Java java = Java.of(javaHome);
        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, List<Double>> slowest = new LinkedHashMap<>();
        try (Database database = Database.start("postgresql", work.resolve("db"))) {
            Workload workload = Workload.generate(work.resolve("scripts"), count);
            ProcessTimer timer = new ProcessTimer(Files.createDirectories(work.resolve("runs")));
            for (int round = 0; round < rounds; round++) {
                for (int instances : fleets) {
                    Target target = database.fresh("fleet_" + round + "_" + instances);
                    List<List<String>> gated = new ArrayList<>();
                    List<List<String>> plain = new ArrayList<>();
                    for (int i = 0; i < instances; i++) {
                        gated.add(java.with("-Dsluice.locations=" + workload.location(),
                                        "-Dsluice.backupDir=" + target.folder().resolve("backups-" + i))
                                .classPath(classPath, "io.sluice.benchmarks.mains.PoolMain", target.sluiceUrl(),
                                        target.user(), Integer.toString(POOL)).command());
                        plain.add(java.with().classPath(classPath, "io.sluice.benchmarks.mains.PoolMain", target.url(),
                                target.user(), Integer.toString(POOL)).command());
                    }
                    record(times, slowest, "cold-" + instances, timer.runTogether(gated));
                    record(times, slowest, "uptodate-" + instances, timer.runTogether(gated));
                    record(times, slowest, "plain-" + instances, timer.runTogether(plain));
                    database.drop(target);
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<Double>> entry : times.entrySet()) {
            List<Double> sorted = new ArrayList<>(slowest.get(entry.getKey()));
            sorted.sort(null);
            rows.add(Row.of("fleet", "postgresql", count, entry.getKey(), entry.getValue(),
                    Map.of("pool", Integer.toString(POOL), "slowest_ready_ms", Row.format(Row.median(sorted)))));
        }
        return rows;
    }

    /** The wall time until all were ready, and the slowest instance's own {@code ready_ms} (JVM start left out). */
    private static void record(Map<String, List<Double>> times, Map<String, List<Double>> slowest, String tool,
                               List<ProcessTimer.Run> runs) {
        times.computeIfAbsent(tool, k -> new ArrayList<>()).add(runs.get(0).millis);
        double worst = 0;
        for (ProcessTimer.Run run : runs) {
            worst = Math.max(worst, Double.parseDouble(run.values.get("ready_ms")));
        }
        slowest.computeIfAbsent(tool, k -> new ArrayList<>()).add(worst);
    }
}
