package io.sluice.benchmarks.suite;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A {@code java} command line for a fresh JVM: the binary, JVM options, then what to run. */
final class Java {
    private final String binary;
    private final List<String> options = new ArrayList<>();
    private final List<String> main = new ArrayList<>();

    private Java(String binary) {
        this.binary = binary;
    }

    /** The JDK the suite runs on, or the one {@code --java} names. */
    static Java of(String javaHome) {
        Path home = javaHome == null ? Paths.get(System.getProperty("java.home")) : Paths.get(javaHome);
        return new Java(home.resolve("bin").resolve("java").toString());
    }

    Java option(String... more) {
        options.addAll(Arrays.asList(more));
        return this;
    }

    Java classPath(List<Path> jars, String mainClass, String... args) {
        main.add("-cp");
        main.add(Jars.classPath(jars));
        main.add(mainClass);
        main.addAll(Arrays.asList(args));
        return this;
    }

    Java jar(Path jar, String... args) {
        main.add("-jar");
        main.add(jar.toString());
        main.addAll(Arrays.asList(args));
        return this;
    }

    /** A copy with more JVM options (a class-load log, a CDS archive). */
    Java with(String... more) {
        Java copy = new Java(binary);
        copy.options.addAll(options);
        copy.options.addAll(Arrays.asList(more));
        copy.main.addAll(main);
        return copy;
    }

    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(binary);
        command.addAll(options);
        command.addAll(main);
        return command;
    }

    @Override
    public String toString() {
        return String.join(" ", command());
    }
}
