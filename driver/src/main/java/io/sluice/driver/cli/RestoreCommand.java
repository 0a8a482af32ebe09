package io.sluice.driver.cli;

import io.sluice.migrations.ops.Operator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "restore", description = "Replaces the database with a backup, after taking a fresh one.")
final class RestoreCommand extends ChangingCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "the backup to restore")
    Path file;

    @Override
    Result run(Operator operator) throws Exception {
        Path before = operator.restore(file);
        return new Result().put("restored", file.toString()).put("backup", before.toString())
                .line("restored " + file + " (what was there is in " + before + ")");
    }
}
