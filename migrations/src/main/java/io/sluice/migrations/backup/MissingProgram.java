package io.sluice.migrations.backup;

import java.io.IOException;

/** A program a backup or restore needs ({@code pg_dump}, {@code pg_restore}) is not installed or too old. */
public final class MissingProgram extends IOException {
    private static final long serialVersionUID = 1L;

    public MissingProgram(String message) {
        super(message);
    }
}
