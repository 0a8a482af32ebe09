package io.sluice.migrations.backup;

import java.io.IOException;
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

/**
 * Backup file names, creation and retention, the same for every dialect (SPEC §5):
 * {@code <backupDir>/<stem>-<yyyyMMdd'T'HHmmss'Z'>-<reason><extension>}, a name that exists gets
 * {@code -2}, {@code -3}…; a backup is written under a temporary name that no listing matches,
 * owner-only before the first byte, and takes its real name only once verified.
 */
public final class BackupFiles {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path directory;
    private final String stem;
    private final String extension;
    private final Clock clock;

    public BackupFiles(Path directory, String stem, String extension) {
        this(directory, stem, extension, Clock.systemUTC());
    }

    BackupFiles(Path directory, String stem, String extension, Clock clock) {
        this.directory = directory;
        this.stem = stem;
        this.extension = extension;
        this.clock = clock;
    }

    public Path directory() {
        return directory;
    }

    /** Creates an empty owner-only (0600) file to write a backup into, in the backup folder. */
    public Path createTemporary() throws IOException {
        if (!Files.isDirectory(directory)) {
            createOwnerOnlyDirectories(directory);
        }
        Path temporary = directory.resolve("." + stem + "-" + System.nanoTime() + extension + ".partial");
        if (Posix.isSupported(directory)) {
            return Files.createFile(temporary,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.createFile(temporary);
        Posix.restrictToOwner(temporary);
        return temporary;
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
     * Gives a verified temporary file its final name for {@code reason}, never replacing a file
     * that exists: a hard link fails atomically when the name is taken.
     */
    public Path publish(Path temporary, String reason) throws IOException {
        String base = stem + "-" + STAMP.format(clock.instant()) + "-" + reason;
        for (int attempt = 1; ; attempt++) {
            Path target = directory.resolve(base + (attempt == 1 ? "" : "-" + attempt) + extension);
            try {
                Files.createLink(target, temporary);
                Files.delete(temporary);
                return target;
            } catch (FileAlreadyExistsException taken) {
                // try the next suffix
            } catch (UnsupportedOperationException | IOException noHardLinks) {
                if (!Files.exists(target)) {
                    return Files.move(temporary, target);
                }
            }
        }
    }

    /** This database's backups, oldest first. */
    public List<Path> list() throws IOException {
        if (!Files.isDirectory(directory)) {
            return new ArrayList<>();
        }
        Pattern name = Pattern.compile(Pattern.quote(stem) + "-(\\d{8}T\\d{6}Z)-.+" + Pattern.quote(extension));
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> name.matcher(file.getFileName().toString()).matches())
                    .sorted(Comparator.comparing((Path file) -> stamp(name, file)).thenComparing(BackupFiles::modified)
                            .thenComparing(Path::toString))
                    .collect(Collectors.toList());
        }
    }

    /** Deletes the oldest backups beyond {@code keep}; returns the deleted ones. */
    public List<Path> prune(int keep) throws IOException {
        List<Path> backups = list();
        List<Path> deleted = new ArrayList<>();
        for (int i = 0; i < backups.size() - keep; i++) {
            Files.deleteIfExists(backups.get(i));
            deleted.add(backups.get(i));
        }
        return deleted;
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
