package io.sluice.cli;

import io.sluice.migrations.ops.NewMigration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.concurrent.Callable;

@Command(name = "new", description = "Writes the next V<n>__description.sql in the first filesystem location.")
final class NewCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DESCRIPTION", description = "what the migration does")
    String[] description;

    @Mixin
    TargetOptions target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (target.locations == null) {
            spec.commandLine().getErr().println("sluice new: give the folder with --locations filesystem:<folder>");
            return ExitCode.USAGE;
        }
        try {
            Path file = NewMigration.create(Arrays.asList(target.locations.split(",")), String.join(" ", description));
            spec.commandLine().getOut().println(target.json ? JsonOut.write(Collections.singletonMap("file", file.toString()))
                    : "created " + file);
            return ExitCode.SUCCESS;
        } catch (Exception e) {
            spec.commandLine().getErr().println("sluice new: " + e.getMessage());
            return ExitCode.USAGE;
        }
    }
}
