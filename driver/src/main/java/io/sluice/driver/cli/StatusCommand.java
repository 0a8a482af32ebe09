package io.sluice.driver.cli;

import io.sluice.migrations.ops.Operator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", description = "Current version, pending migrations, last backup.")
final class StatusCommand extends DatabaseCommand {
    @Option(names = "--check", description = "exit 3 when migrations are pending")
    boolean check;

    @Override
    Result run(Operator operator) throws Exception {
        Operator.Status status = operator.status();
        String current = status.current == null ? null : status.current.toString();
        Result result = new Result().put("database", operator.database().name()).put("current", current)
                .put("pending", status.pending).put("lastBackup", status.lastBackup == null ? null : status.lastBackup.toString());
        result.line(new TextTable("database", "current", "pending", "last backup")
                .row(operator.database().name(), current == null ? "none" : current,
                        status.pending.isEmpty() ? "none" : String.join(", ", status.pending),
                        status.lastBackup == null ? "none" : status.lastBackup));
        return result.exit(check && !status.pending.isEmpty() ? ExitCode.PENDING : ExitCode.SUCCESS);
    }
}
