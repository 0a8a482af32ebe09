package io.sluice.cli;

import io.sluice.migrations.ops.Changes;
import io.sluice.migrations.ops.Operator;
import picocli.CommandLine.Command;

import java.util.List;

@Command(name = "repair", description = "Accepts changed checksums of applied files, fills missing ones, fixes unreadable "
        + "versions and removes failed rows.")
final class RepairCommand extends ChangingCommand {
    @Override
    Result run(Operator operator) throws Exception {
        Changes.Repaired repaired = new Changes(operator).repair();
        Result result = new Result().put("acceptedChecksums", repaired.acceptedChecksums)
                .put("filledChecksums", repaired.filledChecksums).put("fixedVersions", repaired.fixedVersions)
                .put("removedFailedRows", repaired.removedFailedRows).put("leftAlone", repaired.leftAlone)
                .line("accepted " + repaired.acceptedChecksums.size() + " changed checksum(s) " + repaired.acceptedChecksums
                        + ", filled " + repaired.filledChecksums.size() + " missing checksum(s) " + repaired.filledChecksums
                        + ", removed " + repaired.removedFailedRows + " failed row(s)");
        lines(result, "fixed ", repaired.fixedVersions);
        lines(result, "left alone ", repaired.leftAlone);
        // What repair could not fix still stops the gate: a script calling repair must notice.
        return result.exit(repaired.leftAlone.isEmpty() ? ExitCode.SUCCESS : ExitCode.FAILURE);
    }

    private static void lines(Result result, String prefix, List<String> items) {
        for (String item : items) {
            result.line(prefix + item);
        }
    }
}
