package io.sluice.migrations.backup;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The SHA-256 of a finished copy for its metadata, read on a thread of its own while the dialect
 * checks the copy: both read the whole file, and a gate has the machine's other cores to itself.
 * Asked for before it was started, it reads the file on the caller's thread.
 */
final class BackgroundChecksum {
    private final FutureTask<String> sha256;
    private boolean started;

    BackgroundChecksum(Path file) {
        sha256 = new FutureTask<>(() -> BackupMetadata.sha256(file));
    }

    /** The copy is complete: its checksum may be read now. */
    void start() {
        if (!started) {
            started = true;
            Thread thread = new Thread(sha256, "sluice-backup-checksum");
            thread.setDaemon(true);
            thread.start();
        }
    }

    String result() throws IOException {
        if (!started) {
            sha256.run();
        }
        try {
            return sha256.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the backup's checksum");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException) {
                throw (IOException) e.getCause();
            }
            throw new IOException("cannot read the backup's checksum: " + e.getCause(), e.getCause());
        }
    }
}
