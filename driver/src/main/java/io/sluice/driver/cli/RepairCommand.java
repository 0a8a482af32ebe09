package io.sluice.driver.cli;

import io.sluice.migrations.ops.Changes;
import io.sluice.migrations.ops.Operator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "repair", description = "Accepts changed checksums of applied files and removes failed rows.")
final class RepairCommand extends DatabaseCommand {
    @Option(names = "--yes", description = "confirm without asking")
    boolean yes;

    @Override
    public Integer call() {
        Integer refused = unconfirmed(yes);
        return refused != null ? refused : super.call();
    }

    @Override
    Result run(Operator operator) throws Exception {
        Changes.Repaired repaired = new Changes(operator).repair();
        return new Result().put("acceptedChecksums", repaired.acceptedChecksums).put("removedFailedRows", repaired.removedFailedRows)
                .line("accepted " + repaired.acceptedChecksums.size() + " changed checksum(s) " + repaired.acceptedChecksums
                        + ", removed " + repaired.removedFailedRows + " failed row(s)");
    }
}
