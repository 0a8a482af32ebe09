package io.sluice.driver.cli;

import io.sluice.migrations.ops.Changes;
import io.sluice.migrations.ops.Operator;
import picocli.CommandLine.Command;

@Command(name = "repair", description = "Accepts changed checksums of applied files and removes failed rows.")
final class RepairCommand extends ChangingCommand {
    @Override
    Result run(Operator operator) throws Exception {
        Changes.Repaired repaired = new Changes(operator).repair();
        return new Result().put("acceptedChecksums", repaired.acceptedChecksums).put("removedFailedRows", repaired.removedFailedRows)
                .line("accepted " + repaired.acceptedChecksums.size() + " changed checksum(s) " + repaired.acceptedChecksums
                        + ", removed " + repaired.removedFailedRows + " failed row(s)");
    }
}
