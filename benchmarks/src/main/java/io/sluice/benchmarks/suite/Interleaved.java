package io.sluice.benchmarks.suite;

import io.sluice.benchmarks.side.Database;
import io.sluice.benchmarks.side.Target;
import io.sluice.benchmarks.side.Tools;
import io.sluice.benchmarks.side.Workload;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Up to date, in process, Sluice and the floor interleaved: one loop calls each in turn (whose turn
 * is first rotates), so a busy neighbour on a shared machine slows both alike and their ratio
 * holds, where JMH's one tool after the other drifted by 2× between two runs of the same command.
 * Each call is timed on its own. With {@code jars}, each of those builds of Sluice runs in a class
 * loader of its own in the same loop, so a cut is measured under the same load as what it is
 * compared with. Flyway is left to JMH: run in the same loop, its allocations and the JDK code it
 * shares slowed Sluice's next start by half and the floor's by a tenth.
 */
final class Interleaved {
    static final String FIGURE = "up-to-date-interleaved";

    private interface Start {
        void run() throws Exception;
    }

    private Interleaved() {
    }

    /** @param jars Sluice driver jars to compare (rows named after the files), or none for the suite's own Sluice */
    static List<Row> run(List<String> dbs, int count, List<Path> jars, int warmups, int runs, Path work)
            throws Exception {
        List<Row> rows = new ArrayList<>();
        for (String db : dbs) {
            try (Database database = Database.start(db, work.resolve(db))) {
                Workload workload = Workload.generate(work.resolve(db + "-scripts"), count);
                Target floor = database.fresh("floor");
                Tools.raw(floor, workload);
                Map<String, Start> starts = new LinkedHashMap<>();
                starts.put("floor", () -> Tools.floor(floor));
                if (jars.isEmpty()) {
                    Target sluice = migrated(database, workload);
                    starts.put("sluice", () -> requireUpToDate("sluice", Tools.sluice(sluice, workload).applied()));
                }
                for (Path jar : jars) {
                    Target sluice = migrated(database, workload);
                    starts.put(jar.getFileName().toString(), upToDate(jar, sluice.sluiceUrl(),
                            Tools.sluiceSettings(sluice, workload)));
                }
                rows.addAll(measure(db, count, starts, warmups, runs));
            }
        }
        return rows;
    }

    private static Target migrated(Database database, Workload workload) throws Exception {
        Target target = database.fresh("sluice");
        Tools.sluice(target, workload);
        return target;
    }

    /** {@code Sluice.migrate} of the build in {@code jar}, which must find nothing pending. */
    private static Start upToDate(Path jar, String url, Properties settings) throws Exception {
        ClassLoader loader = new OwnClassesFirst(jar.toUri().toURL(), Interleaved.class.getClassLoader());
        Method migrate = Class.forName("io.sluice.Sluice", true, loader).getMethod("migrate", String.class,
                Properties.class);
        Method applied = Class.forName("io.sluice.migrations.run.GateReport", true, loader).getMethod("applied");
        String name = jar.getFileName().toString();
        return () -> requireUpToDate(name, (List<?>) applied.invoke(migrate.invoke(null, url, settings)));
    }

    private static void requireUpToDate(String name, List<?> applied) {
        if (!applied.isEmpty()) {
            throw new IllegalStateException(name + " applied migrations to an up-to-date database: " + applied);
        }
    }

    private static List<Row> measure(String db, int count, Map<String, Start> starts, int warmups, int runs)
            throws Exception {
        List<String> names = new ArrayList<>(starts.keySet());
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        for (String name : names) {
            samples.put(name, new ArrayList<>());
        }
        for (int round = 0; round < warmups + runs; round++) {
            for (int turn = 0; turn < names.size(); turn++) {
                String name = names.get((round + turn) % names.size());
                long start = System.nanoTime();
                starts.get(name).run();
                if (round >= warmups) {
                    samples.get(name).add((System.nanoTime() - start) / 1e6);
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (String name : names) {
            List<Double> sorted = new ArrayList<>(samples.get(name));
            sorted.sort(null);
            Map<String, String> extra = new LinkedHashMap<>();
            extra.put("mean_ms", Row.format(sorted.stream().mapToDouble(Double::doubleValue).average().orElse(0)));
            extra.put("p90_ms", Row.format(sorted.get(sorted.size() * 9 / 10)));
            rows.add(Row.of(FIGURE, db, count, name, sorted, extra));
        }
        return rows;
    }

    /** Sluice's classes from the jar, although the suite's own jar has them too; everything else from the suite's. */
    private static final class OwnClassesFirst extends URLClassLoader {
        OwnClassesFirst(URL jar, ClassLoader parent) {
            super(new URL[] {jar}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("io.sluice.") || name.startsWith("io.sluice.benchmarks.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = findClass(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
