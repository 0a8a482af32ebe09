package io.sluice.migrations.backup;

import io.sluice.migrations.config.Backup;
import io.sluice.migrations.config.Setting;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Says why a backup failed in words that lead to the fix: a full disk, a folder the app may not
 * write, a program that is missing, or anything else with the database's or the system's own
 * message; a lost connection is transient, as everywhere in the gate. What the database's own
 * errors mean is the dialect's to say ({@link BackupErrors}).
 */
final class BackupFailure {
    private BackupFailure() {
    }

    static SluiceException explain(Path directory, Exception failure, BackupErrors errors) {
        Path where = directory.toAbsolutePath().normalize();
        String detail = detail(failure);
        if (isConnectionLost(failure, errors)) {
            return new SluiceException(Problem.UNREACHABLE, "The backup lost its connection to the database (" + detail
                    + "); nothing was changed; the next connect tries again", failure);
        }
        String start = "Backup into " + where + " failed, nothing was changed: ";
        String message;
        if (isDiskFull(failure, errors)) {
            message = start + "the disk is full (" + usableSpace(where) + " free there; " + detail + "); free space, or set "
                    + Setting.BACKUP_DIR.property() + " to a folder on a disk with room for a copy of the database";
        } else if (isPermission(failure, errors)) {
            message = start + "this process may not write there (" + detail + "); make the folder writable by the user "
                    + "the app runs as, or set " + Setting.BACKUP_DIR.property() + " to one that is";
        } else if (failure instanceof MissingProgram) {
            message = start + detail;
        } else {
            message = start + detail + "; set " + Setting.BACKUP_DIR.property() + " to another folder, or "
                    + Setting.BACKUP.assigned(Backup.NONE) + " to start without a backup";
        }
        return new SluiceException(Problem.BACKUP_FAILED, message, failure);
    }

    private static boolean isConnectionLost(Throwable failure, BackupErrors errors) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException && Problem.isConnectionLoss((SQLException) t) || errors.isConnectionLost(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDiskFull(Throwable failure, BackupErrors errors) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = lower(t.getMessage());
            if (message.contains("no space left on device") || message.contains("disk quota exceeded")
                    || errors.isDiskFull(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPermission(Throwable failure, BackupErrors errors) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = lower(t.getMessage());
            if (t instanceof AccessDeniedException || message.contains("permission denied")
                    || message.contains("operation not permitted") || message.contains("read-only file system")
                    || errors.isNotWritable(t)) {
                return true;
            }
        }
        return false;
    }

    /** The failure's own words, with the file named when Java's exception names only the file. */
    private static String detail(Exception failure) {
        String message = failure.getMessage();
        if (failure instanceof AccessDeniedException) {
            return "permission denied: " + message;
        }
        if (failure instanceof FileSystemException) {
            FileSystemException fs = (FileSystemException) failure;
            if (fs.getReason() != null && fs.getFile() != null) {
                return fs.getReason() + ": " + fs.getFile();
            }
        }
        return message == null ? failure.toString() : message.replace('\n', ' ').trim();
    }

    private static String usableSpace(Path where) {
        for (Path folder = where; folder != null; folder = folder.getParent()) {
            if (Files.isDirectory(folder)) {
                try {
                    return bytes(Files.getFileStore(folder).getUsableSpace());
                } catch (IOException e) {
                    return "unknown space";
                }
            }
        }
        return "unknown space";
    }

    private static String bytes(long bytes) {
        if (bytes < 1024 * 1024) {
            return bytes + " bytes";
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    private static String lower(String message) {
        return message == null ? "" : message.toLowerCase(Locale.ROOT);
    }
}
