package io.sluice.cli;

import io.sluice.migrations.ops.Checks;
import io.sluice.migrations.ops.Operator;
import picocli.CommandLine.Command;

import java.util.Map;

@Command(name = "verify", description = "Integrity and foreign-key checks, row counts.")
final class VerifyCommand extends DatabaseCommand {
    @Override
    Result run(Operator operator) throws Exception {
        Checks.Health health = new Checks(operator).verify();
        Result result = new Result().put("ok", health.problems.isEmpty()).put("problems", health.problems)
                .put("rowCounts", health.rowCounts);
        TextTable table = new TextTable("table", "rows");
        for (Map.Entry<String, Long> count : health.rowCounts.entrySet()) {
            table.row(count.getKey(), count.getValue());
        }
        result.line(table);
        result.line(health.problems.isEmpty() ? "ok" : "problems: " + String.join("; ", health.problems));
        return result.exit(health.problems.isEmpty() ? ExitCode.SUCCESS : ExitCode.FAILURE);
    }
}
