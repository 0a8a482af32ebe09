package io.sluice.migrations.backup;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * Backup file names, creation, listing and retention, the same for every dialect (SPEC §5):
 * {@code <backupDir>/<stem>-<yyyyMMdd'T'HHmmss'Z'>-<reason><extension>}, a name that exists gets
 * {@code -2}, {@code -3}…; a backup is written under a temporary name that no listing matches,
 * owner-only before the first byte, and takes its real name only once verified, together with its
 * {@link BackupMetadata} file. Listing and retention go by the database identity in that metadata,
 * never by the name alone: another database's backups in a shared folder are never listed or
 * deleted, nor are files without metadata (a backup of an older Sluice, a copy made by hand).
 *
 * <p>Callers that create, publish or prune hold the database's migration lock, so no other run of
 * this database is writing into the folder at the same time.
 */
public final class BackupFiles {
    private static final System.Logger LOG = System.getLogger("io.sluice");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String PARTIAL = ".partial";
    /** SQLite's write-ahead log beside a plain copy of a database in WAL mode. */
    static final String WAL = "-wal";

    private final Path directory;
    private final String stem;
    private final String extension;
    private final DatabaseIdentity identity;
    private final Clock clock;

    public BackupFiles(Path directory, String stem, String extension, DatabaseIdentity identity) {
        this(directory, stem, extension, identity, Clock.systemUTC());
    }

    BackupFiles(Path directory, String stem, String extension, DatabaseIdentity identity, Clock clock) {
        this.directory = directory;
        this.stem = stem;
        this.extension = extension;
        this.identity = identity;
        this.clock = clock;
    }

    public Path directory() {
        return directory;
    }

    public DatabaseIdentity identity() {
        return identity;
    }

    /** Creates an empty owner-only (0600) file to write a backup into, in the backup folder. */
    public Path createTemporary() throws IOException {
        if (!Files.isDirectory(directory)) {
            createOwnerOnlyDirectories(directory);
        }
        return createOwnerOnly(directory.resolve(partialPrefix() + System.nanoTime() + extension + PARTIAL));
    }

    /** Temporary names carry the database's tag, so a run removes only its own database's leftovers. */
    private String partialPrefix() {
        return "." + stem + "-" + identity.tag() + "-";
    }

    /**
     * Removes this database's temporary files that killed runs left behind. Call it holding the
     * database's lock, before creating any: then none of them is being written.
     */
    public void removeStalePartials() throws IOException {
        String prefix = partialPrefix();
        for (Path file : filesIn(directory)) {
            String name = file.getFileName().toString();
            if (name.startsWith(prefix) && name.endsWith(PARTIAL) && Files.deleteIfExists(file)) {
                LOG.log(INFO, stem + ": removed " + file + ", left by a backup that was interrupted");
            }
        }
    }

    private static Path createOwnerOnly(Path file) throws IOException {
        if (Posix.isSupported(file.getParent())) {
            return Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.createFile(file);
        Posix.restrictToOwner(file);
        return file;
    }

    private static void createOwnerOnlyDirectories(Path directory) throws IOException {
        if (Posix.isSupported(directory.toAbsolutePath().getRoot())) {
            Files.createDirectories(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }

    /**
     * Gives a verified temporary file its final name for {@code reason}, with its metadata beside
     * it, never replacing a file that exists. The metadata takes its name first: a run killed in
     * between leaves a small metadata file without a backup, which {@link #prune} removes, never a
     * backup that nothing identifies.
     */
    public Path publish(Path temporary, String reason, BackupMetadata metadata) throws IOException {
        Path metadataTemporary = createOwnerOnly(directory.resolve(partialPrefix() + System.nanoTime() + ".meta" + PARTIAL));
        try {
            try (Writer out = Files.newBufferedWriter(metadataTemporary, StandardCharsets.UTF_8)) {
                metadata.write(out);
            }
            String base = stem + "-" + STAMP.format(clock.instant()) + "-" + reason;
            for (int attempt = 1; ; attempt++) {
                Path target = directory.resolve(base + (attempt == 1 ? "" : "-" + attempt) + extension);
                Path sidecar = BackupMetadata.sidecar(target);
                if (!claim(sidecar, metadataTemporary)) {
                    continue;
                }
                if (!claim(target, temporary)) {
                    Files.deleteIfExists(sidecar);
                    continue;
                }
                Files.deleteIfExists(temporary);
                return target;
            }
        } finally {
            Files.deleteIfExists(metadataTemporary);
        }
    }

    /**
     * Gives {@code source}'s content the name {@code target} unless that name exists: a hard link
     * fails atomically when the name is taken. The source stays; the caller removes it.
     */
    private static boolean claim(Path target, Path source) throws IOException {
        try {
            Files.createLink(target, source);
            return true;
        } catch (FileAlreadyExistsException taken) {
            return false;
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            try {
                Files.copy(source, target);
                return true;
            } catch (FileAlreadyExistsException taken) {
                return false;
            }
        }
    }

    /** This database's backups, oldest first. */
    public List<Path> list() throws IOException {
        Pattern name = Pattern.compile(Pattern.quote(stem) + "-(\\d{8}T\\d{6}Z)-.+" + Pattern.quote(extension));
        return filesIn(directory).stream()
                .filter(file -> name.matcher(file.getFileName().toString()).matches() && isOwn(file))
                .sorted(Comparator.comparing((Path file) -> stamp(name, file)).thenComparing(BackupFiles::modified)
                        .thenComparing(Path::toString))
                .collect(Collectors.toList());
    }

    private boolean isOwn(Path backup) {
        BackupMetadata metadata = BackupMetadata.read(backup);
        return metadata != null && metadata.identity().sameDatabase(identity);
    }

    /**
     * The newest of this database's backups when it is a verified one taken for the same
     * {@code reason} and it still reads as it was written; null otherwise: the one backup that may
     * stand for a new one, if the database's content has not changed since. The same reason keeps
     * names meaningful: a start that migrates v1 to v2 reuses a {@code v1-to-v2} backup, never a
     * manual one.
     */
    public Path reusable(String reason) throws IOException {
        List<Path> backups = list();
        if (backups.isEmpty()) {
            return null;
        }
        Path newest = backups.get(backups.size() - 1);
        BackupMetadata metadata = BackupMetadata.read(newest);
        boolean candidate = metadata != null && metadata.kind() == BackupMetadata.Kind.VERIFIED
                && reason.equals(metadata.reason());
        return candidate && metadata.damage(newest) == null ? newest : null;
    }

    /**
     * Deletes this database's oldest backups beyond {@code keep}, and metadata whose backup is gone;
     * returns the deleted backups. Failing to delete one is a warning, never a failure of the run.
     */
    public List<Path> prune(int keep) throws IOException {
        return prune(keep, null);
    }

    /** As {@link #prune(int)}, never deleting {@code spare} (a backup about to be restored), which still counts. */
    public List<Path> prune(int keep, Path spare) throws IOException {
        List<Path> backups = list();
        List<Path> deleted = new ArrayList<>();
        for (int i = 0; i < backups.size() - keep; i++) {
            Path backup = backups.get(i);
            if (spare != null && Files.isSameFile(backup, spare)) {
                continue;
            }
            try {
                Files.deleteIfExists(backup);
                Files.deleteIfExists(backup.resolveSibling(backup.getFileName() + WAL));
                Files.deleteIfExists(BackupMetadata.sidecar(backup));
                deleted.add(backup);
                LOG.log(INFO, stem + ": deleted old backup " + backup + " (" + keep + " kept)");
            } catch (IOException e) {
                LOG.log(WARNING, stem + ": cannot delete old backup " + backup + ": " + e.getMessage());
            }
        }
        removeOrphanMetadata();
        return deleted;
    }

    private void removeOrphanMetadata() throws IOException {
        for (Path file : filesIn(directory)) {
            String name = file.getFileName().toString();
            if (name.startsWith(stem + "-") && name.endsWith(extension + BackupMetadata.SUFFIX)) {
                Path backup = file.resolveSibling(name.substring(0, name.length() - BackupMetadata.SUFFIX.length()));
                if (!Files.exists(backup) && isOwn(backup)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static List<Path> filesIn(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return new ArrayList<>();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.collect(Collectors.toList());
        }
    }

    private static String stamp(Pattern name, Path file) {
        Matcher matcher = name.matcher(file.getFileName().toString());
        return matcher.matches() ? matcher.group(1) : "";
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0L;
        }
    }
}
