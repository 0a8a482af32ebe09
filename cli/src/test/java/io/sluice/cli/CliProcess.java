package io.sluice.cli;

import io.sluice.testing.Json;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged {@code -cli} jar run as an operator runs it: a JVM of its own, in a folder, no terminal. */
final class CliProcess {
    private static final Path JAR = Paths.get(System.getProperty("sluice.cli.jar", "target/cli.jar"));

    private final Path dir;

    CliProcess(Path dir) {
        assertTrue(Files.exists(JAR), "build the jar first (mvn package): " + JAR);
        this.dir = dir;
    }

    record Run(int exit, String out, String err) {
        Map<String, Object> json() {
            return Json.object(out);
        }

        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\n"));
        }

        @Override
        public String toString() {
            return "exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
        }
    }

    Run run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the tool hangs: " + command);
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
