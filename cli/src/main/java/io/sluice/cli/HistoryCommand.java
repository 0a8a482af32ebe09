package io.sluice.cli;

import io.sluice.migrations.model.AppliedMigration;
import io.sluice.migrations.ops.Operator;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "history", description = "The history table.")
final class HistoryCommand extends DatabaseCommand {
    @Override
    Result run(Operator operator) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        TextTable table = new TextTable("rank", "version", "description", "type", "script", "installed_on", "ms", "success", "adopted");
        for (AppliedMigration row : operator.history()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("installed_rank", row.installedRank());
            json.put("version", row.versionText());
            json.put("description", row.description());
            json.put("type", row.type().name());
            json.put("script", row.script());
            json.put("checksum", row.checksum());
            json.put("installed_by", row.installedBy());
            json.put("installed_on", row.installedOn());
            json.put("execution_time_ms", row.executionTimeMs());
            json.put("success", row.success());
            json.put("adopted", row.adopted());
            json.put("backup", row.backup());
            rows.add(json);
            table.row(row.installedRank(), row.hasUnreadableVersion() ? unreadable(row) : row.versionText(), row.description(), row.type(), row.script(), row.installedOn(),
                    row.executionTimeMs(), row.success(), row.adopted());
        }
        return new Result().put("history", rows).line(rows.isEmpty() ? "no history" : table);
    }

    /** A hand-edited version column, shown as stored and marked, so that it is seen before repair. */
    private static String unreadable(AppliedMigration row) {
        return (row.versionText() == null ? "NULL" : "'" + row.versionText() + "'") + " (not a version)";
    }
}
