package io.sluice.cli;

import picocli.CommandLine.Option;

/** A command that changes the database by an operator's order: it asks first, or needs {@code --yes}. */
abstract class ChangingCommand extends DatabaseCommand {
    @Option(names = "--yes", description = "confirm without asking")
    boolean yes;

    @Override
    public Integer call() {
        Integer refused = unconfirmed(yes);
        return refused != null ? refused : super.call();
    }
}
