package io.sluice.cli;

import io.sluice.migrations.ops.Operator;
import picocli.CommandLine.Command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "backups", description = "Lists this database's backups, oldest first.")
final class BackupsCommand extends DatabaseCommand {
    @Override
    Result run(Operator operator) throws Exception {
        List<Map<String, Object>> backups = new ArrayList<>();
        TextTable table = new TextTable("path", "size", "created");
        for (Path backup : operator.backups()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("path", backup.toString());
            json.put("size", Files.size(backup));
            json.put("created", Instant.ofEpochMilli(Files.getLastModifiedTime(backup).toMillis()).toString());
            backups.add(json);
            table.row(json.get("path"), json.get("size"), json.get("created"));
        }
        return new Result().put("backups", backups).line(backups.isEmpty() ? "no backups" : table);
    }
}
