package io.sluice.migrations.backup;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

/** Owner-only permissions where the file system has POSIX permissions, best effort elsewhere. */
final class Posix {
    private Posix() {
    }

    static boolean isSupported(Path path) {
        return path != null && path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    static void restrictToOwner(Path file) throws IOException {
        File f = file.toFile();
        boolean ok = f.setReadable(false, false) & f.setReadable(true, true)
                & f.setWritable(false, false) & f.setWritable(true, true);
        if (!ok) {
            throw new IOException("cannot restrict " + file + " to its owner");
        }
    }
}
