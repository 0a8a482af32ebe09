package io.sluice.driver;

import io.sluice.migrations.connect.GatedDatabase;
import io.sluice.testing.JavaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.loader.launch.JarLauncher;
import org.sqlite.JDBC;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Enumeration;
import java.util.HashSet;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An app packaged as a Spring Boot executable jar, started by Spring Boot's own launcher: its
 * migrations sit in {@code BOOT-INF/classes/db/migration}, Sluice and sqlite-jdbc in nested jars
 * under {@code BOOT-INF/lib}, all read through Spring Boot's nested-jar class loader.
 */
class SpringBootJarTest {
    @TempDir
    Path dir;

    @Test
    void migrationsInsideASpringBootExecutableJarAreFoundAppliedOnceAndTheAppGetsSqliteJdbcsConnection()
            throws Exception {
        Path app = bootJar(Map.of(
                "V1__accounts.sql", "CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT NOT NULL);",
                "V2__accounts_owner.sql", "CREATE INDEX accounts_owner ON accounts (owner);"));
        String url = "jdbc:sluice:sqlite:" + dir.resolve("boot.db");

        JavaProcess.Result first = launch(app, url, "first.log");
        JavaProcess.Result second = launch(app, url, "second.log");

        assertEquals(0, first.exitCode(), first.output());
        assertTrue(first.output().contains("migrated v0 -> v2"), first.output());
        assertTrue(first.output().contains("history-rows=2"), first.output());
        assertTrue(first.output().contains("connection-class=org.sqlite.jdbc4.JDBC4Connection"), first.output());
        assertEquals(0, second.exitCode(), second.output());
        assertTrue(second.output().contains("nothing pending") && second.output().contains("history-rows=2"),
                second.output());
    }

    private JavaProcess.Result launch(Path app, String url, String log) throws Exception {
        // What "java -jar app.jar" runs: the launcher finds the archive it was loaded from.
        return JavaProcess.of(JarLauncher.class).classPath(app.toString()).args(url)
                .run(dir.resolve(log), Duration.ofMinutes(1));
    }

    /**
     * The layout spring-boot-maven-plugin writes: the launcher's classes at the root, the app's
     * classes and resources under {@code BOOT-INF/classes}, each dependency a stored (uncompressed)
     * jar under {@code BOOT-INF/lib}.
     */
    private Path bootJar(Map<String, String> migrations) throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, JarLauncher.class.getName());
        main.putValue("Start-Class", GatedApp.class.getName());
        main.putValue("Spring-Boot-Classes", "BOOT-INF/classes/");
        main.putValue("Spring-Boot-Lib", "BOOT-INF/lib/");
        Path jar = dir.resolve("app.jar");
        try (JarWriter out = new JarWriter(new JarOutputStream(Files.newOutputStream(jar), manifest))) {
            out.copyClassesOf(codeSource(JarLauncher.class));
            String appClass = GatedApp.class.getName().replace('.', '/') + ".class";
            out.put("BOOT-INF/classes/" + appClass, Files.readAllBytes(codeSource(GatedApp.class).resolve(appClass)));
            for (Map.Entry<String, String> migration : migrations.entrySet()) {
                out.put("BOOT-INF/classes/db/migration/" + migration.getKey(),
                        migration.getValue().getBytes(StandardCharsets.UTF_8));
            }
            for (Class<?> dependency : List.of(SluiceDriver.class, GatedDatabase.class, JDBC.class)) {
                Path location = codeSource(dependency);
                if (Files.isDirectory(location)) { // a module of this build, as its target/classes
                    out.putStored("BOOT-INF/lib/" + location.getParent().getParent().getFileName() + ".jar",
                            jarOf(location));
                } else {
                    out.putStored("BOOT-INF/lib/" + location.getFileName(), Files.readAllBytes(location));
                }
            }
        }
        return jar;
    }

    private static Path codeSource(Class<?> type) throws URISyntaxException {
        return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
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
