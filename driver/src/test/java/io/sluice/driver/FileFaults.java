package io.sluice.driver;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real faults on real files: bytes flipped, files and folders made read-only, a disk that is full. */
final class FileFaults {
    private FileFaults() {
    }

    /** Inverts {@code count} bytes from {@code offset}, as a failing disk or a careless edit would. */
    static void flipBytes(Path file, long offset, int count) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] bytes = new byte[count];
            raf.seek(offset);
            raf.readFully(bytes);
            for (int i = 0; i < count; i++) {
                bytes[i] = (byte) ~bytes[i];
            }
            raf.seek(offset);
            raf.write(bytes);
        }
    }

    /**
     * Makes a file or folder read-only for this process until closed: its write permissions go,
     * and for root, whom permissions do not stop, it is made immutable ({@code chattr +i}).
     */
    static AutoCloseable readOnly(Path path) throws Exception {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode.replace('w', '-')));
        boolean immutable = false;
        if (Files.isWritable(path)) {
            immutable = run("chattr", "+i", path.toString()) == 0;
            if (!immutable || Files.isWritable(path)) {
                throw new IllegalStateException("cannot make " + path + " read-only for this process (running as root "
                        + "without chattr?)");
            }
        }
        boolean undoImmutable = immutable;
        return () -> {
            if (undoImmutable) {
                run("chattr", "-i", path.toString());
            }
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        };
    }

    /**
     * The command, run with {@code folder} as a tmpfs of {@code kilobytes} mounted over it in a
     * mount namespace of its own ({@code unshare}), so the command sees a disk that fills up.
     */
    static List<String> onSmallDisk(Path folder, int kilobytes, List<String> command) {
        StringBuilder shell = new StringBuilder("mount -t tmpfs -o size=" + kilobytes + "k tmpfs '" + folder + "' && exec");
        for (String part : command) {
            shell.append(" '").append(part.replace("'", "'\\''")).append('\'');
        }
        List<String> wrapped = new ArrayList<>(List.of("unshare", "-rm", "sh", "-c", shell.toString()));
        return wrapped;
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
