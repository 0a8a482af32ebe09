package io.sluice.cli;

import io.sluice.migrations.dialect.BackupProgress;
import io.sluice.migrations.ops.Operator;
import picocli.CommandLine.Command;

import java.nio.file.Path;

@Command(name = "backup", description = "Takes a verified backup (manual-v<current>).")
final class BackupCommand extends DatabaseCommand {
    @Override
    Result run(Operator operator) throws Exception {
        ProgressBar bar = ProgressBar.onTerminal(spec.commandLine().getErr(), target.json);
        Path backup = operator.backup(bar == null ? BackupProgress.NONE : (pages, total) -> bar.show(pages, total, "pages"));
        return new Result().put("backup", backup.toString()).line("backup " + backup);
    }
}
