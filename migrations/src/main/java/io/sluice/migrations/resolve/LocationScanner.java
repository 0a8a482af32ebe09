package io.sluice.migrations.resolve;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private static final String BASIC_ATTRIBUTES = "basic:isDirectory,isRegularFile,size,lastModifiedTime,fileKey";
    private static final String UNIX_ATTRIBUTES = "unix:isDirectory,isRegularFile,size,lastModifiedTime,fileKey,ctime";

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
        boolean unix = folder.getFileSystem().supportedFileAttributeViews().contains("unix");
        List<Resource> resources = new ArrayList<>();
        Set<Object> ancestors = new HashSet<>();
        ancestors.add(Files.readAttributes(folder, BasicFileAttributes.class).fileKey());
        walk(folder, folder, source, unix ? UNIX_ATTRIBUTES : BASIC_ATTRIBUTES, ancestors,
                System.currentTimeMillis(), resources);
        return resources;
    }

    /**
     * Links are followed: a release folder linked into place, or a Kubernetes ConfigMap (whose
     * files are links), is where the migrations are, not an empty location. Each entry is asked
     * for its attributes once: its kind, size, times and inode in one {@code stat}, which every
     * start pays once per script.
     *
     * @param ancestors the file keys of the folders above, so that a link back up is an error, not a loop
     */
    private static void walk(Path directory, Path folder, String source, String attributeNames, Set<Object> ancestors,
                             long listedAt, List<Resource> into) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                Map<String, Object> attributes = Files.readAttributes(entry, attributeNames);
                if (Boolean.TRUE.equals(attributes.get("isDirectory"))) {
                    Object key = attributes.get("fileKey");
                    if (key != null && !ancestors.add(key)) {
                        throw new FileSystemLoopException(entry.toString());
                    }
                    walk(entry, folder, source, attributeNames, ancestors, listedAt, into);
                    ancestors.remove(key);
                } else if (Boolean.TRUE.equals(attributes.get("isRegularFile"))) {
                    String relative = folder.relativize(entry).toString().replace('\\', '/');
                    long size = (Long) attributes.get("size");
                    into.add(new Resource(relative, source + "/" + relative, size, () -> Files.readAllBytes(entry),
                            entry.toAbsolutePath().toString(), fingerprint(attributes, size, listedAt)));
                }
            }
        }
    }

    /**
     * A file's size, modification time, inode and (where the file system tells it) change time:
     * the change time is set by the kernel on every write and cannot be set back, so a file
     * edited and then given its old modification time (or unpacked with normalised times) still
     * differs. Null while the file changed within the last seconds: times of a coarse file system
     * cannot tell two changes in one tick apart, so such a file is read until it has settled.
     */
    private static String fingerprint(Map<String, Object> attributes, long size, long listedAt) {
        long modified = ((FileTime) attributes.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS);
        FileTime ctime = (FileTime) attributes.get("ctime");
        long changed = ctime == null ? modified : ctime.to(TimeUnit.NANOSECONDS);
        long newest = Math.max(modified, changed) / 1_000_000;
        if (listedAt - newest < SETTLED_MILLIS || newest > listedAt) {
            return null;
        }
        return "file:" + size + ":" + modified + ":" + changed + ":" + attributes.get("fileKey");
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
