package io.sluice.cli;

import io.sluice.migrations.dialect.BackupProgress;
import io.sluice.migrations.ops.Operator;
import io.sluice.migrations.run.GateReport;
import io.sluice.migrations.run.GateRun;
import io.sluice.migrations.run.GateStep;
import picocli.CommandLine.Command;

import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "migrate", description = "What the gate does: lock, inspect, backup, migrate, verify.")
final class MigrateCommand extends DatabaseCommand {
    @Override
    Result run(Operator operator) throws Exception {
        ProgressBar bar = ProgressBar.onTerminal(spec.commandLine().getErr(), target.json);
        GateReport report = bar == null ? operator.migrate((done, total, script) -> { }, BackupProgress.NONE)
                : operator.migrate((done, total, script) -> bar.show(done, total, script),
                        (pages, total) -> bar.show(pages, total, "pages backed up"));
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
