package io.sluice.cli;

import io.sluice.migrations.ops.Operator;
import io.sluice.migrations.plan.Finding;
import io.sluice.migrations.plan.Plan;
import io.sluice.migrations.plan.PlannedMigration;
import io.sluice.migrations.plan.PlannedStatement;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "plan", description = "Dry run: per migration and statement, apply / skip / conflict and why; lint. Changes nothing.")
final class PlanCommand extends DatabaseCommand {
    @Override
    Result run(Operator operator) throws Exception {
        Plan plan = operator.plan();
        Result result = new Result().put("database", operator.database().name());
        List<Map<String, Object>> migrations = new ArrayList<>();
        TextTable table = new TextTable("script", "line", "action", "decided", "object", "reason");
        for (PlannedMigration migration : plan.pending()) {
            List<Map<String, Object>> statements = new ArrayList<>();
            for (PlannedStatement statement : migration.plannedStatements()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("line", statement.line());
                json.put("action", statement.action().label());
                json.put("object", statement.object());
                json.put("reason", statement.reason());
                json.put("decided", decided(statement));
                statements.add(json);
                table.row(migration.migration().script(), statement.line(), statement.action().label(), decided(statement),
                        statement.object(), statement.reason());
                if (statement.action() == PlannedStatement.Action.CONFLICT) {
                    result.exit(ExitCode.FAILURE);
                }
            }
            if (migration.plannedStatements().isEmpty()) {
                table.row(migration.migration().script(), "", "apply", "plan", "", "Java migration");
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("version", migration.migration().version() == null ? null : migration.migration().version().toString());
            json.put("script", migration.migration().script());
            json.put("statements", statements);
            json.put("findings", Findings.json(migration.findings(), null));
            migrations.add(json);
            for (Finding finding : migration.findings()) {
                result.exit(finding.severity() == Finding.Severity.ERROR ? ExitCode.FAILURE : ExitCode.SUCCESS);
            }
        }
        result.put("migrations", migrations);
        result.line(plan.pending().isEmpty() ? "nothing pending at v" + (plan.current() == null ? "0" : plan.current()) : table);
        for (PlannedMigration migration : plan.pending()) {
            for (Finding finding : migration.findings()) {
                result.line(migration.migration().script() + " " + finding);
            }
        }
        return result;
    }

    /** {@code plan} for a certain decision; {@code live} when the statement is decided (or its skip confirmed) as it runs. */
    private static String decided(PlannedStatement statement) {
        return statement.isLive() ? "live" : "plan";
    }
}
