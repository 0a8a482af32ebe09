package io.sluice.benchmarks.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The jars beside the suite's own fat jar ({@code target/lib}, {@code benchmarks-mains.jar}), from
 * which each tool's fresh JVM gets only its own class path.
 */
final class Jars {
    private final Path target;
    private final Path lib;

    Jars() {
        try {
            Path self = Paths.get(Jars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            target = self.getParent(); // target/benchmarks.jar, or target/classes from an IDE
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        lib = target.resolve("lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("no " + lib + ": build with mvn -B -q package -DskipTests -Pbench -pl benchmarks -am");
        }
    }

    Path mains() {
        return target.resolve("benchmarks-mains.jar");
    }

    /** The fat jar, for subprocesses that run suite classes (the cost model). */
    Path self() {
        return target.resolve("benchmarks.jar");
    }

    /** The one jar in lib whose name starts with {@code prefix} (an artifactId and a dash). */
    Path one(String prefix) {
        List<Path> found = matching(prefix);
        if (found.size() != 1) {
            throw new IllegalStateException("expected one " + prefix + "* in " + lib + ", found " + found);
        }
        return found.get(0);
    }

    List<Path> matching(String prefix) {
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path sqliteJdbc() {
        return one("sqlite-jdbc-");
    }

    Path pgjdbc() {
        return one("postgresql-");
    }

    /** The JDBC driver an app on this database carries. */
    Path jdbc(String db) {
        return db.equals("sqlite") ? sqliteJdbc() : pgjdbc();
    }

    /** The driver jar an app puts beside its JDBC driver (engine inside). */
    Path sluiceDriver() {
        return one("sluice-driver-");
    }

    Path sluiceCli() {
        return one("sluice-cli-");
    }

    Path sluiceAgent() {
        return one("sluice-agent-");
    }

    /** flyway-core, its database module for PostgreSQL, and what flyway-core needs at run time. */
    List<Path> flyway(String db) {
        List<Path> jars = new ArrayList<>(matching("flyway-core-"));
        if (db.equals("postgresql")) {
            jars.addAll(matching("flyway-database-postgresql-"));
        }
        jars.addAll(matching("jackson-"));
        return jars;
    }

    static String classPath(List<Path> jars) {
        return jars.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
    }
}
