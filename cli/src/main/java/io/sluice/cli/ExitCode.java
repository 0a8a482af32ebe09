package io.sluice.cli;

/** The command-line tool's exit codes (SPEC §8). */
final class ExitCode {
    static final int SUCCESS = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;
    static final int PENDING = 3;

    private ExitCode() {
    }
}
