package io.sluice.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

/**
 * A Spring Boot executable jar in the layout spring-boot-maven-plugin writes: Spring Boot's
 * launcher at the root, the app's classes and resources under {@code BOOT-INF/classes}, each
 * dependency a stored (uncompressed) jar under {@code BOOT-INF/lib}. Started as {@code java -jar}
 * starts it, through Spring Boot's own launcher and nested-jar class loader.
 */
public final class BootJar {
    private static final String LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

    private final Class<?> startClass;
    private final List<Class<?>> classes = new ArrayList<>();
    private final Map<String, String> resources = new LinkedHashMap<>();
    private final List<Class<?>> libraries = new ArrayList<>();

    private BootJar(Class<?> startClass) {
        this.startClass = startClass;
        classes.add(startClass);
    }

    /** A jar whose {@code main} is {@code startClass}'s. */
    public static BootJar startingWith(Class<?> startClass) {
        return new BootJar(startClass);
    }

    /** More of the app's own classes, under {@code BOOT-INF/classes}. */
    public BootJar withClasses(Class<?>... appClasses) {
        classes.addAll(List.of(appClasses));
        return this;
    }

    /** A resource of the app, {@code BOOT-INF/classes/<path>}. */
    public BootJar withResource(String path, String text) {
        resources.put(path, text);
        return this;
    }

    /** The jar (or, for a module of this build, the classes folder) each class was loaded from, as a nested jar. */
    public BootJar withLibrariesOf(Class<?>... fromCodeSource) {
        libraries.addAll(List.of(fromCodeSource));
        return this;
    }

    public Path writeTo(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, LAUNCHER);
        main.putValue("Start-Class", startClass.getName());
        main.putValue("Spring-Boot-Classes", "BOOT-INF/classes/");
        main.putValue("Spring-Boot-Lib", "BOOT-INF/lib/");
        try (JarWriter out = new JarWriter(new JarOutputStream(Files.newOutputStream(jar), manifest))) {
            out.copyClassesOf(codeSource(launcherClass()));
            for (Class<?> type : classes) {
                String file = type.getName().replace('.', '/') + ".class";
                out.put("BOOT-INF/classes/" + file, Files.readAllBytes(codeSource(type).resolve(file)));
            }
            for (Map.Entry<String, String> resource : resources.entrySet()) {
                out.put("BOOT-INF/classes/" + resource.getKey(), resource.getValue().getBytes(StandardCharsets.UTF_8));
            }
            for (Class<?> library : libraries) {
                Path location = codeSource(library);
                if (Files.isDirectory(location)) { // a module of this build: <module>/target/classes
                    out.putStored("BOOT-INF/lib/" + location.getParent().getParent().getFileName() + ".jar",
                            jarOf(location));
                } else {
                    out.putStored("BOOT-INF/lib/" + location.getFileName(), Files.readAllBytes(location));
                }
            }
        }
        return jar;
    }

    /** {@code java -jar <jar>}: the launcher finds the archive it was loaded from. */
    public static JavaProcess launch(Path jar) {
        return JavaProcess.of(LAUNCHER).classPath(jar.toString());
    }

    private static Class<?> launcherClass() throws IOException {
        try {
            return Class.forName(LAUNCHER, false, BootJar.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IOException("spring-boot-loader is not on the class path", e);
        }
    }

    private static Path codeSource(Class<?> type) throws IOException {
        try {
            return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    private static byte[] jarOf(Path directory) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarWriter out = new JarWriter(new JarOutputStream(bytes)); Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.put(directory.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return bytes.toByteArray();
    }

    /**
     * Writes entries with their folder entries, once each, as jar tools do: Spring Boot finds
     * {@code BOOT-INF/classes/} and the app's resource folders by those entries.
     */
    private static final class JarWriter implements AutoCloseable {
        private final JarOutputStream out;
        private final Set<String> folders = new HashSet<>();

        JarWriter(JarOutputStream out) {
            this.out = out;
        }

        void put(String name, byte[] content) throws IOException {
            write(new JarEntry(name), content);
        }

        /** Spring Boot reads nested jars in place, so they must be stored, not compressed. */
        void putStored(String name, byte[] content) throws IOException {
            JarEntry entry = new JarEntry(name);
            CRC32 crc = new CRC32();
            crc.update(content);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(content.length);
            entry.setCompressedSize(content.length);
            entry.setCrc(crc.getValue());
            write(entry, content);
        }

        /** Every class of a jar (the launcher's), without its manifest. */
        void copyClassesOf(Path jarFile) throws IOException {
            try (JarFile jar = new JarFile(jarFile.toFile())) {
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    if (!entry.isDirectory() && !entry.getName().startsWith("META-INF/")) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            put(entry.getName(), in.readAllBytes());
                        }
                    }
                }
            }
        }

        private void write(JarEntry entry, byte[] content) throws IOException {
            String name = entry.getName();
            for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
                String folder = name.substring(0, slash + 1);
                if (folders.add(folder)) {
                    out.putNextEntry(new JarEntry(folder));
                    out.closeEntry();
                }
            }
            out.putNextEntry(entry);
            out.write(content);
            out.closeEntry();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
