package io.sluice.migrations.backup;

import java.io.IOException;

/** A backup file that must not be restored here; the message says why and what to do. */
public final class RestoreRefused extends IOException {
    private static final long serialVersionUID = 1L;

    public RestoreRefused(String message) {
        super(message);
    }
}
