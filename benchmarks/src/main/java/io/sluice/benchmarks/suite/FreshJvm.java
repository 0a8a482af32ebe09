package io.sluice.benchmarks.suite;

import io.sluice.benchmarks.side.Database;
import io.sluice.benchmarks.side.Target;
import io.sluice.benchmarks.side.Tools;
import io.sluice.benchmarks.side.Workload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Up to date in a fresh JVM: a tiny main per tool, each with only its own jars, started with
 * {@code java -cp} against a database that tool migrated; the JVM alone and Sluice's command-line
 * {@code status}, with and without an AppCDS archive, alongside.
 */
final class FreshJvm {
    private FreshJvm() {
    }

    static List<Row> run(String db, int count, int rounds, String javaHome, Path work, StringBuilder notes)
            throws Exception {
        Jars jars = new Jars();
        List<Row> rows = new ArrayList<>();
        try (Database database = Database.start(db, work.resolve("db"))) {
            Workload workload = Workload.generate(work.resolve("scripts"), count);
            Target floor = database.fresh("floor");
            Tools.raw(floor, workload);
            Target flyway = database.fresh("flyway");
            Tools.flyway(flyway, workload);
            Target sluice = database.fresh("sluice");
            Tools.sluice(sluice, workload);
            String user = floor.user() == null ? "-" : floor.user();
            Path jdbc = jars.jdbc(db);
            Java java = Java.of(javaHome);
            List<Path> flywayPath = new ArrayList<>(List.of(jars.mains()));
            flywayPath.addAll(jars.flyway(db));
            flywayPath.add(jdbc);
            String cliUrl = sluice.url() + (user.equals("-") ? "" : "?user=" + user);
            ProcessFigure figure = new ProcessFigure("fresh-jvm", db, count, Files.createDirectories(work.resolve("runs")))
                    .add("jvm", java.with().classPath(List.of(jars.mains()), "io.sluice.benchmarks.mains.EmptyMain"))
                    .add("floor", java.with().classPath(List.of(jars.mains(), jdbc),
                            "io.sluice.benchmarks.mains.FloorMain", floor.url(), user))
                    .add("flyway", java.with().classPath(flywayPath,
                            "io.sluice.benchmarks.mains.FlywayMain", flyway.url(), user, workload.location()))
                    .add("sluice", java.with("-Dsluice.locations=" + workload.location(),
                                    "-Dsluice.backupDir=" + sluice.folder().resolve("backups"))
                            .classPath(List.of(jars.mains(), jars.sluiceDriver(), jdbc),
                                    "io.sluice.benchmarks.mains.SluiceMain", sluice.sluiceUrl(), user))
                    .add("cli-status", java.with().jar(jars.sluiceCli(), "status", "--url", cliUrl,
                            "--locations", workload.location()));
            figure.addAppCds("floor").addAppCds("flyway").addAppCds("sluice").addAppCds("cli-status");
            rows.addAll(figure.run(rounds));
            notes.append(figure.notes());
        }
        return rows;
    }
}
