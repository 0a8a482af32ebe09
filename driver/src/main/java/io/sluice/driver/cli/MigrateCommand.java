package io.sluice.driver.cli;

import io.sluice.migrations.ops.Operator;
import io.sluice.migrations.run.GateReport;
import io.sluice.migrations.run.GateRun;
import io.sluice.migrations.run.GateStep;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "migrate", description = "What the gate does: lock, inspect, backup, migrate, verify.")
final class MigrateCommand extends DatabaseCommand {
    private static final int WIDTH = 30;

    /** A bar on the terminal (stderr, so stdout stays the command's output); nothing when not on one. */
    private GateRun.Progress progressBar() {
        if (System.console() == null || target.json) {
            return (done, total, script) -> { };
        }
        PrintWriter err = spec.commandLine().getErr();
        return (done, total, script) -> {
            int filled = WIDTH * done / total;
            err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total + " " + script);
            err.print(done == total ? "\n" : "");
            err.flush();
        };
    }

    @Override
    Result run(Operator operator) throws Exception {
        GateReport report = operator.migrate(progressBar());
        Map<String, Object> steps = new LinkedHashMap<>();
        for (Map.Entry<GateStep, GateReport.Step> step : report.steps().entrySet()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("outcome", step.getValue().outcome().tag());
            json.put("ms", step.getValue().duration().toMillis());
            steps.put(step.getKey().tag(), json);
        }
        return new Result().put("database", report.database())
                .put("from", report.versionBefore() == null ? null : report.versionBefore().toString())
                .put("to", report.versionAfter() == null ? null : report.versionAfter().toString())
                .put("applied", report.applied()).put("backup", report.backup() == null ? null : report.backup().toString())
                .put("steps", steps).line(report.toString());
    }
}
