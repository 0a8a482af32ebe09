package io.sluice.migrations.resolve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Lists the files of a location: folders on disk, and classpath folders wherever the class
 * loader keeps them (directories, jars, the nested jars of a Spring Boot executable jar, whose
 * URL handler also answers with a {@link JarURLConnection}).
 */
final class LocationScanner {
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
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(file -> {
                String relative = folder.relativize(file).toString().replace('\\', '/');
                return new Resource(relative, source + "/" + relative, file.toFile().length(), () -> Files.readAllBytes(file));
            }).collect(Collectors.toList());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static List<Resource> scanJar(JarURLConnection connection, String source) throws IOException {
        // Cached jar files are shared with the class loader: read them, never close them.
        JarFile jar = connection.getJarFile();
        String entryName = connection.getEntryName();
        String prefix = entryName == null || entryName.isEmpty() ? "" : stripSlash(entryName) + "/";
        List<Resource> resources = new ArrayList<>();
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            JarEntry entry = entries.nextElement();
            if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                String relative = entry.getName().substring(prefix.length());
                resources.add(new Resource(relative, source + "/" + relative, entry.getSize(), () -> {
                    try (InputStream in = jar.getInputStream(entry)) {
                        return in.readAllBytes();
                    }
                }));
            }
        }
        return resources;
    }

    private static String stripSlash(String name) {
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }
}
