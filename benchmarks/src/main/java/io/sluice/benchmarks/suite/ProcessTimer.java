package io.sluice.benchmarks.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Starts a process, waits for it, and returns its wall time and the {@code bench:} values it printed. */
final class ProcessTimer {
    private final Path scratch;

    ProcessTimer(Path scratch) {
        this.scratch = scratch;
    }

    static final class Run {
        final double millis;
        final Map<String, String> values;

        Run(double millis, Map<String, String> values) {
            this.millis = millis;
            this.values = values;
        }
    }

    Run run(List<String> command) throws IOException, InterruptedException {
        Path out = scratch.resolve("process.out");
        Path err = scratch.resolve("process.err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        int exit = process.waitFor();
        double millis = (System.nanoTime() - start) / 1e6;
        if (exit != 0) {
            throw new IllegalStateException("exit " + exit + " from " + String.join(" ", command) + "\n"
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            if (line.startsWith("bench: ")) {
                for (String pair : line.substring("bench: ".length()).split(" ")) {
                    int equals = pair.indexOf('=');
                    values.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
        }
        return new Run(millis, values);
    }
}
