package io.sluice.migrations.backup;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The SHA-256 of a finished copy for its metadata, read on a thread of its own while the dialect
 * checks the copy: both read the whole file, and a gate has the machine's other cores to itself.
 * Asked for before it was started, it reads the file on the caller's thread.
 */
final class BackgroundChecksum {
    private final Path file;
    private Thread thread;
    private String sha256;
    private Exception failure;

    BackgroundChecksum(Path file) {
        this.file = file;
    }

    /** The copy is complete: its checksum may be read now. */
    void start() {
        if (thread == null) {
            thread = new Thread(this::read, "sluice-backup-checksum");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void read() {
        try {
            sha256 = BackupMetadata.sha256(file);
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }

    /** The checksum, waiting for the thread if one reads it (its end makes its fields visible here). */
    String result() throws IOException {
        if (thread == null) {
            return BackupMetadata.sha256(file);
        }
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the backup is nearly done: finish it, and leave the interrupt for the caller
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof IOException) {
            throw (IOException) failure;
        }
        if (failure != null) {
            throw new IOException("cannot read the backup's checksum: " + failure, failure);
        }
        return sha256;
    }
}
