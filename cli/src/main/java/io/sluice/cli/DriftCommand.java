package io.sluice.cli;

import io.sluice.migrations.ops.Drift;
import io.sluice.migrations.ops.Operator;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "drift", description = "Compares the live schema with the one the migrations give; exit 1 when they differ.")
final class DriftCommand extends DatabaseCommand {
    @Override
    Result run(Operator operator) throws Exception {
        List<Drift.Difference> differences = new Drift(operator).differences();
        List<Map<String, Object>> json = new ArrayList<>();
        TextTable table = new TextTable("object", "expected", "actual");
        for (Drift.Difference difference : differences) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("object", difference.object);
            entry.put("expected", difference.expected);
            entry.put("actual", difference.actual);
            json.add(entry);
            table.row(difference.object, difference.expected, difference.actual);
        }
        return new Result().put("differences", json).line(differences.isEmpty() ? "no drift" : table)
                .exit(differences.isEmpty() ? ExitCode.SUCCESS : ExitCode.FAILURE);
    }
}
