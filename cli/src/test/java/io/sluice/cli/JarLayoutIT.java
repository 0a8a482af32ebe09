package io.sluice.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SPEC §1: the app's driver jar carries the driver only; the tool is one jar, at both of its paths. */
class JarLayoutIT {
    private static final Path CLI_JAR = Paths.get(System.getProperty("sluice.cli.jar", "target/cli.jar"));
    private static final String VERSION = System.getProperty("sluice.version", "0.1.0-SNAPSHOT");
    private static final Path DRIVER_DIR = Paths.get("..", "driver", "target");

    @Test
    void theDriverJarCarriesNeitherPicocliNorTheCommandLineClasses() throws Exception {
        try (JarFile jar = new JarFile(DRIVER_DIR.resolve("sluice-driver-" + VERSION + ".jar").toFile())) {
            List<String> strays = jar.stream().map(entry -> entry.getName())
                    .filter(name -> name.contains("picocli") || name.startsWith("io/sluice/cli/"))
                    .collect(Collectors.toList());
            assertEquals(List.of(), strays);
            assertTrue(jar.getEntry("io/sluice/driver/SluiceDriver.class") != null, "the driver is in its jar");
        }
    }

    @Test
    void theToolIsAlsoWhereSpecSectionOnePutsIt() throws Exception {
        Path old = DRIVER_DIR.resolve("sluice-driver-" + VERSION + "-cli.jar");
        assertEquals(entries(CLI_JAR), entries(old));
        assertTrue(entries(old).stream().anyMatch(entry -> entry.startsWith("io/sluice/cli/SluiceCli.class ")),
                "the tool's main class is in the old jar");
    }

    /** Each entry's name and size, in order: the same classes whatever the build's timestamps. */
    private static List<String> entries(Path path) throws Exception {
        try (JarFile jar = new JarFile(path.toFile())) {
            return jar.stream().map(entry -> entry.getName() + " " + (entry.isDirectory() ? 0 : entry.getSize()))
                    .collect(Collectors.toList());
        }
    }
}
