package io.sluice.cli;

/** A command line that names no database, or several, or an instance that does not exist: exit 2. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
