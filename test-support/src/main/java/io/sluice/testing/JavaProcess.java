package io.sluice.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real JVM subprocess running a main class on this test's class path. */
public final class JavaProcess {
    private final String mainClass;
    private final List<String> arguments = new ArrayList<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> jvmArguments = new ArrayList<>();
    private Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    private String classPath = System.getProperty("java.class.path");
    private Path workingDirectory;

    private JavaProcess(String mainClass) {
        this.mainClass = mainClass;
    }

    public static JavaProcess of(Class<?> mainClass) {
        return new JavaProcess(mainClass.getName());
    }

    public static JavaProcess of(String mainClass) {
        return new JavaProcess(mainClass);
    }

    public JavaProcess args(String... values) {
        arguments.addAll(List.of(values));
        return this;
    }

    public JavaProcess systemProperty(String name, String value) {
        systemProperties.put(name, value);
        return this;
    }

    public JavaProcess env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** JVM options before the main class, such as {@code -javaagent:…}. */
    public JavaProcess jvmArgs(String... values) {
        jvmArguments.addAll(List.of(values));
        return this;
    }

    /** The {@code java} launcher to run; this test's own JDK unless set. */
    public JavaProcess java(Path launcher) {
        this.java = launcher;
        return this;
    }

    public JavaProcess classPath(String value) {
        this.classPath = value;
        return this;
    }

    public JavaProcess workingDirectory(Path directory) {
        this.workingDirectory = directory;
        return this;
    }

    /** Starts the JVM; stdout and stderr go together to {@code output}. */
    public Process start(Path output) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmArguments);
        command.add("-cp");
        command.add(classPath);
        systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.add(mainClass);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        return builder.start();
    }

    /** Runs to completion (or kills it after {@code timeout}) and returns exit code and output. */
    public Result run(Path output, Duration timeout) throws IOException, InterruptedException {
        Process process = start(output);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(mainClass + " did not finish within " + timeout + "; output:\n" + read(output));
        }
        return new Result(process.exitValue(), read(output));
    }

    public static String read(Path output) throws IOException {
        return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
    }

    /** Exit code and combined output of a finished process. */
    public record Result(int exitCode, String output) {
    }
}
