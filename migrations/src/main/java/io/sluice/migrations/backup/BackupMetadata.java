package io.sluice.migrations.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Properties;

/**
 * What Sluice knows of a backup, in a small file beside it ({@code <backup>.meta}, Java properties):
 * the database it is of, its size and SHA-256 when it was taken (so a damaged or edited file is
 * caught before it is restored, even where SQLite's own checks would pass), whether it was
 * verified, and the database's content digest at that moment (so a start that finds the database
 * unchanged reuses it instead of writing another).
 */
public final class BackupMetadata {
    static final String SUFFIX = ".meta";
    private static final String FORMAT = "1";

    /** How a backup was made. */
    public enum Kind {
        /** Copied and checked (SQLite: integrity and row counts; PostgreSQL: read back). */
        VERIFIED,
        /** The database's files copied byte for byte, because it was too damaged to back up and check. */
        PLAIN_COPY
    }

    private final DatabaseIdentity identity;
    private final Kind kind;
    private final String reason;
    private final long size;
    private final String sha256;

    BackupMetadata(DatabaseIdentity identity, Kind kind, String reason, long size, String sha256) {
        this.identity = identity;
        this.kind = kind;
        this.reason = reason;
        this.size = size;
        this.sha256 = sha256;
    }

    /** Metadata of a backup file that is written and checked: its size and checksum are read now. */
    public static BackupMetadata of(Path backup, DatabaseIdentity identity, Kind kind, String reason) throws IOException {
        return of(backup, sha256(backup), identity, kind, reason);
    }

    /** As {@link #of(Path, DatabaseIdentity, Kind, String)}, with the file's SHA-256 read already. */
    static BackupMetadata of(Path backup, String sha256, DatabaseIdentity identity, Kind kind, String reason)
            throws IOException {
        return new BackupMetadata(identity, kind, reason, Files.size(backup), sha256);
    }

    public DatabaseIdentity identity() {
        return identity;
    }

    public Kind kind() {
        return kind;
    }

    /** Why it was taken ({@code v1-to-v3}, {@code pre-restore-v3}…), as in its name. */
    public String reason() {
        return reason;
    }

    /** The metadata file of a backup. */
    public static Path sidecar(Path backup) {
        return backup.resolveSibling(backup.getFileName() + SUFFIX);
    }

    /**
     * @return the backup's metadata, or null when it has none or it cannot be read (a backup of an
     *         older Sluice, or a file copied without it)
     */
    public static BackupMetadata read(Path backup) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(sidecar(backup), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        DatabaseIdentity identity = DatabaseIdentity.load(properties);
        String size = properties.getProperty("size");
        String sha = properties.getProperty("sha256");
        if (!FORMAT.equals(properties.getProperty("format")) || identity == null || size == null || sha == null) {
            return null;
        }
        try {
            Kind kind = Kind.valueOf(properties.getProperty("kind", Kind.VERIFIED.name()));
            return new BackupMetadata(identity, kind, properties.getProperty("reason"), Long.parseLong(size), sha);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    void write(Writer out) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("format", FORMAT);
        properties.setProperty("kind", kind.name());
        if (reason != null) {
            properties.setProperty("reason", reason);
        }
        identity.store(properties);
        properties.setProperty("size", Long.toString(size));
        properties.setProperty("sha256", sha256);
        properties.store(out, "Sluice backup metadata: which database this backup is of, and its checksum");
    }

    /**
     * Reads the backup back and compares it with what was recorded when it was taken.
     *
     * @return null when it matches, else what differs
     */
    public String damage(Path backup) throws IOException {
        long actualSize = Files.size(backup);
        if (actualSize != size) {
            return "it has " + actualSize + " bytes, " + size + " when it was taken";
        }
        return sha256(backup).equals(sha256) ? null : "its SHA-256 differs from the one recorded when it was taken";
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = newSha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            while (in.read(buffer) >= 0) {
                // the stream feeds the digest
            }
        }
        return hex(digest.digest());
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }
}
