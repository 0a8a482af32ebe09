package io.sluice.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A JDK to run a legacy app on. The agent must work on the JDK the build runs on (17) and on the
 * newest one installed, which is the one to warn about agents and {@code Unsafe} first.
 */
record Jdk(int major, Path java) {
    private static final Pattern JAVA_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    /** This test's JDK, then the newest under {@code /usr/lib/jvm} when it is newer. */
    static Stream<Jdk> all() {
        Jdk current = of(Paths.get(System.getProperty("java.home"))).orElseThrow();
        List<Jdk> jdks = new ArrayList<>(List.of(current));
        newestInstalled().filter(newest -> newest.major > current.major).ifPresent(jdks::add);
        return jdks.stream();
    }

    private static Optional<Jdk> newestInstalled() {
        Path installed = Paths.get("/usr/lib/jvm");
        if (!Files.isDirectory(installed)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(installed)) {
            return homes.map(Jdk::of).flatMap(Optional::stream).max(Comparator.comparingInt(Jdk::major));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Jdk> of(Path home) {
        Path release = home.resolve("release");
        Path java = home.resolve("bin/java");
        if (!Files.isRegularFile(release) || !Files.isExecutable(java)) {
            return Optional.empty();
        }
        try {
            Matcher version = JAVA_VERSION.matcher(Files.readString(release));
            return version.find() ? Optional.of(new Jdk(Integer.parseInt(version.group(1)), java)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "JDK " + major;
    }
}
