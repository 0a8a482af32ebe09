package io.sluice.benchmarks.suite;

import io.sluice.benchmarks.side.Database;
import io.sluice.benchmarks.side.Target;
import io.sluice.benchmarks.side.Workload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A whole app start under {@code -javaagent:sluice-agent.jar} with nothing pending, next to the same
 * app alone: time, peak RSS and heap in use, classes loaded. The app is a tiny SQLite main that
 * knows nothing of Sluice; one run under the agent applies the migrations first.
 */
final class AgentStart {
    private AgentStart() {
    }

    static List<Row> run(int count, int rounds, String javaHome, Path work, StringBuilder notes) throws Exception {
        Jars jars = new Jars();
        try (Database database = Database.start("sqlite", work.resolve("db"))) {
            Workload workload = Workload.generate(work.resolve("scripts"), count);
            Target app = database.fresh("app");
            Java java = Java.of(javaHome);
            List<Path> classPath = List.of(jars.mains(), jars.sqliteJdbc());
            String agent = "-javaagent:" + jars.sluiceAgent() + "=locations=" + workload.location()
                    + ";backupDir=" + app.folder().resolve("backups");
            Java alone = java.with().classPath(classPath, "io.sluice.benchmarks.mains.AppMain", app.url());
            Java gated = java.with(agent).classPath(classPath, "io.sluice.benchmarks.mains.AppMain", app.url());
            ProcessFigure figure = new ProcessFigure("agent", "sqlite", count, Files.createDirectories(work.resolve("runs")));
            new ProcessTimer(work.resolve("runs")).run(gated.command());
            figure.add("app", alone).add("app+agent", gated);
            List<Row> rows = figure.run(rounds);
            notes.append(figure.notes());
            return rows;
        }
    }
}
