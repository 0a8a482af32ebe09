package io.sluice.cli;

import io.sluice.migrations.model.Version;
import io.sluice.migrations.ops.Changes;
import io.sluice.migrations.ops.Operator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "undo", description = "Applies U scripts down to a version, after a fresh backup.")
final class UndoCommand extends ChangingCommand {
    @Option(names = "--to", required = true, paramLabel = "VERSION", description = "the version to go back to")
    String to;

    @Override
    Result run(Operator operator) throws Exception {
        Changes.Undone undone = new Changes(operator).undo(Version.parse(to));
        return new Result().put("undone", undone.scripts).put("backup", undone.backup.toString())
                .line("undid " + (undone.scripts.isEmpty() ? "nothing" : String.join(", ", undone.scripts))
                        + "; backup " + undone.backup);
    }
}
