package io.sluice.migrations.resolve;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Lists the files of a location: folders on disk, and classpath folders wherever the class
 * loader keeps them (directories, jars, the nested jars of a Spring Boot executable jar, whose
 * URL handler also answers with a {@link JarURLConnection}).
 */
final class LocationScanner {
    /** How long a file must be unchanged before its times are trusted to tell the next change. */
    private static final long SETTLED_MILLIS = 3_000;

    private final ClassLoader classLoader;

    LocationScanner(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** @return null when the location does not exist */
    List<Resource> scan(Location location) throws IOException {
        if (!location.isClasspath()) {
            Path folder = Paths.get(location.path());
            return Files.isDirectory(folder) ? scanFolder(folder, location.toString()) : null;
        }
        Enumeration<URL> urls = classLoader.getResources(location.path());
        if (!urls.hasMoreElements()) {
            return null;
        }
        List<Resource> resources = new ArrayList<>();
        while (urls.hasMoreElements()) {
            resources.addAll(scanUrl(urls.nextElement(), location.toString()));
        }
        return resources;
    }

    private List<Resource> scanUrl(URL url, String source) throws IOException {
        if ("file".equals(url.getProtocol())) {
            try {
                return scanFolder(Paths.get(url.toURI()), source);
            } catch (URISyntaxException e) {
                throw new IOException("cannot read classpath folder " + url, e);
            }
        }
        URLConnection connection = url.openConnection();
        if (connection instanceof JarURLConnection) {
            return scanJar((JarURLConnection) connection, source);
        }
        throw new IOException("cannot list " + source + " at " + url + " (" + url.getProtocol()
                + " URLs are not supported); use a filesystem: location instead");
    }

    private static List<Resource> scanFolder(Path folder, String source) throws IOException {
        // Links are followed: a release folder linked into place, or a Kubernetes ConfigMap (whose
        // files are links), is where the migrations are, not an empty location. One walk, whose
        // attributes give each file's size and times without asking the file system again.
        List<Resource> resources = new ArrayList<>();
        boolean unixTimes = folder.getFileSystem().supportedFileAttributeViews().contains("unix");
        long listedAt = System.currentTimeMillis();
        Files.walkFileTree(folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile()) {
                    String relative = folder.relativize(file).toString().replace('\\', '/');
                    resources.add(new Resource(relative, source + "/" + relative, attributes.size(),
                            () -> Files.readAllBytes(file), file.toAbsolutePath().toString(),
                            fingerprint(file, attributes, unixTimes, listedAt)));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                throw failure;
            }
        });
        return resources;
    }

    /**
     * A file's size, modification time, inode and (where the file system tells it) change time:
     * the change time is set by the kernel on every write and cannot be set back, so a file
     * edited and then given its old modification time (or unpacked with normalised times) still
     * differs. Null while the file changed within the last seconds: times of a coarse file system
     * cannot tell two changes in one tick apart, so such a file is read until it has settled.
     */
    private static String fingerprint(Path file, BasicFileAttributes attributes, boolean unixTimes, long listedAt)
            throws IOException {
        long modified = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        long changed = unixTimes ? ((FileTime) Files.getAttribute(file, "unix:ctime")).to(TimeUnit.NANOSECONDS) : modified;
        long newest = Math.max(modified, changed) / 1_000_000;
        if (listedAt - newest < SETTLED_MILLIS || newest > listedAt) {
            return null;
        }
        return "file:" + attributes.size() + ":" + modified + ":" + changed + ":" + attributes.fileKey();
    }

    private static List<Resource> scanJar(JarURLConnection connection, String source) throws IOException {
        // Cached jar files are shared with the class loader: read them, never close them.
        JarFile jar = connection.getJarFile();
        String entryName = connection.getEntryName();
        String jarUrl = connection.getJarFileURL().toString();
        String prefix = entryName == null || entryName.isEmpty() ? "" : stripSlash(entryName) + "/";
        List<Resource> resources = new ArrayList<>();
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            JarEntry entry = entries.nextElement();
            if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                String relative = entry.getName().substring(prefix.length());
                long crc = entry.getCrc();
                resources.add(new Resource(relative, source + "/" + relative, entry.getSize(), () -> {
                    try (InputStream in = jar.getInputStream(entry)) {
                        return in.readAllBytes();
                    }
                }, jarUrl + "!/" + entry.getName(), crc < 0 || entry.getSize() < 0 ? null
                        : "jar:" + entry.getSize() + ":" + crc));
            }
        }
        return resources;
    }

    private static String stripSlash(String name) {
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }
}
