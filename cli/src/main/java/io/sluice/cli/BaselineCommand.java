package io.sluice.cli;

import io.sluice.migrations.model.Version;
import io.sluice.migrations.ops.Changes;
import io.sluice.migrations.ops.Operator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "baseline", description = "Marks an existing database without history as being at a version.")
final class BaselineCommand extends DatabaseCommand {
    @Option(names = "--version", required = true, paramLabel = "V", description = "the version the database is at")
    String version;

    @Override
    Result run(Operator operator) throws Exception {
        new Changes(operator).baseline(Version.parse(version));
        return new Result().put("baseline", version).line("baselined at v" + version);
    }
}
