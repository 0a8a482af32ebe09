package io.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code java -jar sluice-cli-<version>.jar <command>} (also built as {@code sluice-driver-<version>-cli.jar}):
 * the operator's tool over the same engine the gate uses. Exit codes: 0 success, 1 failure, 2 usage or configuration error,
 * 3 pending migrations ({@code status --check}).
 */
@Command(name = "sluice", mixinStandardHelpOptions = true, versionProvider = SluiceCli.Version.class,
        description = "Looks at and changes a database's migrations with the engine of the Sluice gate.",
        subcommands = {StatusCommand.class, PlanCommand.class, MigrateCommand.class, ValidateCommand.class,
                VerifyCommand.class, DriftCommand.class, HistoryCommand.class, BackupCommand.class, BackupsCommand.class,
                RestoreCommand.class, UndoCommand.class, BaselineCommand.class, RepairCommand.class, NewCommand.class,
                SchemaCommand.class, RehearseCommand.class})
public final class SluiceCli implements Runnable {
    /** Held so the level set here is not lost to garbage collection of the logger. */
    private static final Logger SLUICE_LOG = Logger.getLogger("io.sluice");

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        // The gate logs each step and its refusal; the tool prints that refusal itself as its one
        // error line, so the log lines would only say it again (docs/cli.md).
        SLUICE_LOG.setLevel(verbose ? Level.INFO : Level.OFF);
        return commandLine(verbose).execute(args);
    }

    /** The tool's command line: every command, each answering {@code --help}, and its error handlers. */
    static CommandLine commandLine(boolean verbose) {
        CommandLine commandLine = new CommandLine(new SluiceCli());
        for (CommandLine command : commandLine.getSubcommands().values()) {
            // Added here rather than per class, so no command can be written without it; not picocli's
            // standard mixin, whose --version would clash with baseline's.
            command.getCommandSpec().addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("show this help and exit").build());
        }
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            e.getCommandLine().getErr().println("sluice: " + e.getMessage() + " (see --help)");
            return ExitCode.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("sluice " + cmd.getCommandName() + ": " + e);
            if (verbose) {
                e.printStackTrace(cmd.getErr());
            }
            return ExitCode.FAILURE;
        });
        return commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "name a command, e.g. status");
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SluiceCli.class.getPackage().getImplementationVersion();
            return new String[] {"sluice " + (version == null ? "development" : version)};
        }
    }
}
