package io.sluice.benchmarks.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        return runTogether(List.of(command)).get(0);
    }

    /**
     * Starts every command at once and waits for them all; each run's time is the wall time until
     * the last one ended, as instances starting together are ready together.
     */
    List<Run> runTogether(List<List<String>> commands) throws IOException, InterruptedException {
        List<Process> processes = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < commands.size(); i++) {
            processes.add(new ProcessBuilder(commands.get(i)).redirectOutput(scratch.resolve("process-" + i + ".out").toFile())
                    .redirectError(scratch.resolve("process-" + i + ".err").toFile()).start());
        }
        for (Process process : processes) {
            process.waitFor();
        }
        double millis = (System.nanoTime() - start) / 1e6;
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            if (processes.get(i).exitValue() != 0) {
                throw new IllegalStateException("exit " + processes.get(i).exitValue() + " from " + String.join(" ", commands.get(i))
                        + "\n" + Files.readString(scratch.resolve("process-" + i + ".err"), StandardCharsets.UTF_8));
            }
            runs.add(new Run(millis, values(scratch.resolve("process-" + i + ".out"))));
        }
        return runs;
    }

    /** The {@code bench: key=value …} lines a process printed. */
    private static Map<String, String> values(Path out) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            if (line.startsWith("bench: ")) {
                for (String pair : line.substring("bench: ".length()).split(" ")) {
                    int equals = pair.indexOf('=');
                    values.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
        }
        return values;
    }
}
