package io.sluice.cli;

import io.sluice.migrations.ops.Checks;
import io.sluice.migrations.ops.Operator;
import io.sluice.migrations.plan.Finding;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@Command(name = "validate", description = "Checksums and lint; exit 1 when the gate would refuse.")
final class ValidateCommand extends DatabaseCommand {
    @Override
    Result run(Operator operator) throws Exception {
        List<Checks.ScriptFinding> findings = new Checks(operator).validate();
        Result result = new Result();
        List<Map<String, Object>> json = new ArrayList<>();
        TextTable table = new TextTable("script", "line", "severity", "rule", "message");
        for (Checks.ScriptFinding found : findings) {
            json.add(Findings.json(found.finding, found.script));
            table.row(found.script, found.finding.line() > 0 ? found.finding.line() : null, found.finding.severity().label(),
                    found.finding.rule(),
                    found.finding.message());
            if (found.finding.severity() == Finding.Severity.ERROR) {
                result.exit(ExitCode.FAILURE);
            }
        }
        return result.put("findings", json).line(findings.isEmpty() ? "valid: no findings" : table);
    }
}
