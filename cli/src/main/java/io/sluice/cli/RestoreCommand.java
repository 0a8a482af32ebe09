package io.sluice.cli;

import io.sluice.migrations.ops.Operator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "restore", description = "Checks a backup, then replaces the database with it, after taking a fresh one.")
final class RestoreCommand extends ChangingCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "the backup to restore")
    Path file;

    @Option(names = "--force-other-database", description = "restore a backup of another database (or one without "
            + "Sluice's metadata) into this one; the file is still checked")
    boolean forceOtherDatabase;

    @Override
    Result run(Operator operator) throws Exception {
        Path before = operator.restore(file, forceOtherDatabase);
        return new Result().put("restored", file.toString()).put("backup", before.toString())
                .line("restored " + file + " (what was there is in " + before + ")");
    }
}
