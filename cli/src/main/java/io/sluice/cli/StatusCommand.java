package io.sluice.cli;

import io.sluice.migrations.ops.Operator;
import io.sluice.migrations.plan.Finding;
import io.sluice.migrations.plan.HistoryFinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "status", description = "Current version, pending migrations, last backup, problems in the history.")
final class StatusCommand extends DatabaseCommand {
    @Option(names = "--check", description = "exit 3 when migrations are pending")
    boolean check;

    @Override
    Result run(Operator operator) throws Exception {
        Operator.Status status = operator.status();
        String current = status.current == null ? null : status.current.toString();
        Result result = new Result().put("database", operator.database().name()).put("current", current)
                .put("pending", status.pending).put("lastBackup", status.lastBackup == null ? null : status.lastBackup.toString())
                .put("problems", problems(status.problems));
        result.line(new TextTable("database", "current", "pending", "last backup")
                .row(operator.database().name(), current == null ? "none" : current,
                        status.pending.isEmpty() ? "none" : String.join(", ", status.pending),
                        status.lastBackup == null ? "none" : status.lastBackup));
        boolean refused = false;
        for (HistoryFinding problem : status.problems) {
            result.line(problem);
            refused |= problem.severity() == Finding.Severity.ERROR;
        }
        // A history the gate would refuse is a failure, whether or not migrations are pending.
        if (refused) {
            return result.exit(ExitCode.FAILURE);
        }
        return result.exit(check && !status.pending.isEmpty() ? ExitCode.PENDING : ExitCode.SUCCESS);
    }

    /** {@code [{"severity", "rule", "version", "script", "message"}]}: what the gate would refuse or warn about. */
    private static List<Map<String, Object>> problems(List<HistoryFinding> findings) {
        List<Map<String, Object>> json = new ArrayList<>();
        for (HistoryFinding finding : findings) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("severity", finding.severity().label());
            problem.put("rule", finding.rule().label());
            problem.put("version", finding.version());
            problem.put("script", finding.script());
            problem.put("message", finding.message());
            json.add(problem);
        }
        return json;
    }
}
