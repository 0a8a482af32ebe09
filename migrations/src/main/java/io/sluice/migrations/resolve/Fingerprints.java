package io.sluice.migrations.resolve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.lang.System.Logger.Level.DEBUG;

/**
 * The checksums of scripts read at earlier starts, by file and fingerprint, kept in one small
 * file beside the backups ({@value #FILE_NAME}): a start whose scripts have not changed takes
 * their checksums from here instead of reading and hashing every file (9 ms of a 12 ms start at
 * 500 scripts). It records facts about files, not about a database, so databases sharing a backup
 * folder may share it.
 *
 * <p>Never trusted further than the fingerprint: a file whose size, times or inode (a jar entry's
 * size or CRC) differ from the recorded ones is read and hashed again, and a file changed in the
 * last seconds has no fingerprint at all. The cache only ever answers "up to date"; whatever else
 * a start finds (a pending script, a mismatch) is decided again from a full read. Anything odd in
 * the file (another format, a malformed line) discards it whole.
 */
public final class Fingerprints {
    static final String FILE_NAME = ".sluice-script-fingerprints";
    private static final String HEADER = "sluice-script-fingerprints 1";
    private static final System.Logger LOG = System.getLogger(Fingerprints.class.getName());

    private final Path file;
    private final Map<String, String[]> recorded;
    private final Map<String, String[]> seen = new HashMap<>();
    private boolean changed;

    private Fingerprints(Path file, Map<String, String[]> recorded) {
        this.file = file;
        this.recorded = recorded;
    }

    /**
     * The cache kept in {@code directory}; empty when there is none yet or it cannot be read. Null
     * when the folder does not exist: the cache lives beside backups, and creates no folder of its own.
     */
    public static Fingerprints in(Path directory) {
        if (directory == null || !Files.isDirectory(directory)) {
            return null;
        }
        Path file = directory.resolve(FILE_NAME);
        return new Fingerprints(file, read(file));
    }

    private static Map<String, String[]> read(Path file) {
        Map<String, String[]> entries = new HashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return entries;
        } catch (IOException | RuntimeException e) {
            LOG.log(DEBUG, "ignoring the script fingerprints in " + file + ": " + e.getMessage());
            return entries;
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            return entries;
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split("\t", -1);
            if (fields.length != 3 || !Checksums.isSha256(fields[2])) {
                LOG.log(DEBUG, "ignoring the script fingerprints in " + file + ": a malformed line");
                return new HashMap<>();
            }
            entries.put(fields[0], new String[] {fields[1], fields[2]});
        }
        return entries;
    }

    /** The checksum recorded for this file with exactly this fingerprint, or null. */
    String checksum(String identity, String fingerprint) {
        if (identity == null || fingerprint == null) {
            return null;
        }
        String[] entry = recorded.get(identity);
        if (entry == null || !entry[0].equals(fingerprint)) {
            return null;
        }
        seen.put(identity, entry);
        return entry[1];
    }

    /** Notes the checksum of a file just read and hashed, if it has a fingerprint to find it by. */
    void record(String identity, String fingerprint, String checksum) {
        if (identity == null || fingerprint == null || identity.indexOf('\t') >= 0 || identity.indexOf('\n') >= 0
                || identity.indexOf('\r') >= 0) {
            return;
        }
        String[] entry = {fingerprint, checksum};
        seen.put(identity, entry);
        String[] before = recorded.get(identity);
        changed |= before == null || !before[0].equals(fingerprint) || !before[1].equals(checksum);
    }

    /**
     * Writes what this start saw, when it differs from what was recorded: owner-only, under a
     * temporary name renamed into place, so a reader never sees half a file. Best effort: a start
     * that cannot write it only reads every script again next time.
     */
    public void save() {
        if (!changed && seen.size() == recorded.size()) {
            return;
        }
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Map.Entry<String, String[]> entry : seen.entrySet()) {
            text.append(entry.getKey()).append('\t').append(entry.getValue()[0]).append('\t')
                    .append(entry.getValue()[1]).append('\n');
        }
        Path temporary = null;
        try {
            temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".partial");
            if (Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            }
            Files.write(temporary, text.toString().getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
        } catch (IOException | RuntimeException e) {
            LOG.log(DEBUG, "cannot write the script fingerprints to " + file + ": " + e.getMessage());
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    // a stray partial file is harmless; the next save writes a new one
                }
            }
        }
    }
}
