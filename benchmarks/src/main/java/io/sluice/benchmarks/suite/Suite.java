package io.sluice.benchmarks.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The side-by-side suite, one part per run so each stays a few minutes on two cores:
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.sluice.benchmarks.suite.Suite PART [--option value]…
 *   inprocess   cold apply and up to date in process, JMH (--db, --n, --runs, --iterations, --tools)
 *   scaling     the same with N = --ns (10,100,1000; --with-10000 adds 10000)
 *   fresh-jvm   up to date in a fresh JVM, a tiny main per tool (--db, --n, --runs, --java)
 *   agent       an app's start under -javaagent against the app alone (--n, --runs, --java)
 *   backup      verified backup of a --mib MiB SQLite file against cp + fsync (--runs)
 *   pgbackup    pg_dump custom vs directory format of a --mib MiB PostgreSQL database, and the gate's step (--runs)
 *   fleet       1, 4, 8 JVMs with a 16-connection pool starting at once on PostgreSQL (--n, --fleets, --runs)
 *   costmodel   JFR per step, migration and statement (--db, --n, --runs, --cold-runs)
 *   report      results.md and scaling.svg from every part's results (--n)
 * </pre>
 * Results go to {@code --out} (default {@code benchmarks/target/bench-results}), one TSV per part.
 */
public final class Suite {
    private final Map<String, String> options = new HashMap<>();

    private Suite(String[] args) {
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected an --option, found " + args[i]);
            }
            boolean flag = i + 1 == args.length || args[i + 1].startsWith("--");
            options.put(args[i].substring(2), flag ? "true" : args[++i]);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Suite inprocess|interleaved|scaling|fresh-jvm|agent|backup|pgbackup|fleet|costmodel|report [--option value]…");
            System.exit(2);
        }
        new Suite(args).run(args[0]);
    }

    private String text(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    private int number(String key, int fallback) {
        return Integer.parseInt(text(key, Integer.toString(fallback)));
    }

    private List<String> list(String key, String fallback) {
        String value = text(key, fallback);
        return value.isEmpty() ? List.of() : Arrays.asList(value.split(","));
    }

    private void run(String part) throws Exception {
        Results results = new Results(Paths.get(text("out", "benchmarks/target/bench-results")));
        List<String> dbs = list("db", "sqlite,postgresql");
        int n = number("n", 500);
        String java = options.get("java");
        Path work = Files.createTempDirectory("sluice-suite");
        try {
            run(part, results, dbs, n, java, work);
        } finally {
            io.sluice.benchmarks.side.Database.deleteTree(work);
        }
    }

    private void run(String part, Results results, List<String> dbs, int n, String java, Path work) throws Exception {
        switch (part) {
            case "inprocess":
                results.write("inprocess-" + String.join("-", list("figures", "cold,uptodate")) + "-"
                        + String.join("-", dbs) + "-n" + n, InProcess.run(
                        list("figures", "cold,uptodate"), dbs, List.of(n), list("tools", ""),
                        number("warmups", 2), number("runs", 5), number("iterations", 5)));
                break;
            case "interleaved": {
                List<Path> jars = list("jars", "").stream().map(Paths::get).collect(Collectors.toList());
                results.write("interleaved-" + (jars.isEmpty() ? "" : "jars-") + String.join("-", dbs) + "-n" + n,
                        Interleaved.run(dbs, n, jars, number("warmups", 300), number("runs", 600), work));
                break;
            }
            case "scaling": {
                List<Integer> counts = new ArrayList<>(list("ns", "10,100,1000").stream().map(Integer::valueOf)
                        .collect(Collectors.toList()));
                if (options.containsKey("with-10000")) {
                    counts.add(10000);
                }
                results.write("scaling-" + String.join("-", list("figures", "cold,uptodate")) + "-"
                        + String.join("-", dbs) + "-" + counts.stream().map(String::valueOf)
                                .collect(Collectors.joining("-")),
                        InProcess.run(list("figures", "cold,uptodate"), dbs, counts, list("tools", ""),
                                number("warmups", 1), number("runs", 3), number("iterations", 3)));
                break;
            }
            case "fresh-jvm":
                for (String db : dbs) {
                    StringBuilder notes = new StringBuilder();
                    results.write("fresh-jvm-" + db, FreshJvm.run(db, n, number("runs", 7), java, work.resolve(db), notes));
                    Files.writeString(results.file("fresh-jvm-" + db + ".md"), notes);
                }
                break;
            case "agent": {
                StringBuilder notes = new StringBuilder();
                results.write("agent", AgentStart.run(n, number("runs", 7), java, work, notes));
                Files.writeString(results.file("agent.md"), notes);
                break;
            }
            case "backup":
                results.write("backup", BackupFigure.run(number("mib", 64), number("runs", 3), java, work));
                break;
            case "pgbackup":
                results.write("pgbackup", PgBackupFigure.run(number("mib", 64), number("runs", 3), work));
                break;
            case "fleet":
                results.write("fleet", Fleet.run(n, list("fleets", "1,4,8").stream().map(Integer::valueOf)
                        .collect(Collectors.toList()), number("runs", 3), java, work));
                break;
            case "costmodel":
                for (String db : dbs) {
                    costModel(db, n, results, java);
                }
                break;
            case "report":
                Report.write(results, n);
                break;
            default:
                throw new IllegalArgumentException("unknown part " + part);
        }
    }

    /** In a JVM of its own, with stacks deep enough for the JDBC drivers under the gate. */
    private void costModel(String db, int n, Results results, String java) throws Exception {
        Path file = results.file("costmodel-" + db + ".md");
        List<String> command = Java.of(java).with("-XX:FlightRecorderOptions:stackdepth=512")
                .classPath(List.of(new Jars().self()), CostModel.class.getName(), db, Integer.toString(n),
                        text("runs", db.equals("sqlite") ? "500" : "200"),
                        text("cold-runs", db.equals("sqlite") ? "6" : "2"), file.toString())
                .command();
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("cost model failed for " + db);
        }
    }
}
