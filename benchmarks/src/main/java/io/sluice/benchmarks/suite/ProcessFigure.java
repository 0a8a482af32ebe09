package io.sluice.benchmarks.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times several fresh-JVM commands side by side: a warm-up run of each (files in the page cache),
 * then rounds in which each command runs once, in turn, so drifting noise hits all alike; medians.
 * One more run of each logs class loading, and a command may also be timed with an AppCDS archive
 * made by a run of its own.
 */
final class ProcessFigure {
    private final String figure;
    private final String db;
    private final int n;
    private final Path scratch;
    private final ProcessTimer timer;
    private final Map<String, Java> commands = new LinkedHashMap<>();
    private final StringBuilder notes = new StringBuilder();

    ProcessFigure(String figure, String db, int n, Path scratch) throws IOException {
        this.figure = figure;
        this.db = db;
        this.n = n;
        this.scratch = Files.createDirectories(scratch);
        this.timer = new ProcessTimer(this.scratch);
    }

    ProcessFigure add(String tool, Java command) {
        commands.put(tool, command);
        return this;
    }

    /** Adds {@code tool-appcds}: the same command with an archive that one training run dumped at exit. */
    ProcessFigure addAppCds(String tool) throws IOException, InterruptedException {
        Path archive = scratch.resolve(tool + ".jsa");
        Files.deleteIfExists(archive);
        timer.run(commands.get(tool).with("-XX:ArchiveClassesAtExit=" + archive).command());
        commands.put(tool + "-appcds", commands.get(tool).with("-XX:SharedArchiveFile=" + archive));
        return this;
    }

    /** The commands, each line as run; for the docs. */
    String commandLines() {
        StringBuilder lines = new StringBuilder();
        commands.forEach((tool, command) -> lines.append(tool).append(": ").append(command).append('\n'));
        return lines.toString();
    }

    String notes() {
        return notes.toString();
    }

    List<Row> run(int rounds) throws IOException, InterruptedException {
        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, List<Map<String, String>>> values = new LinkedHashMap<>();
        for (Map.Entry<String, Java> command : commands.entrySet()) {
            timer.run(command.getValue().command());
            times.put(command.getKey(), new ArrayList<>());
            values.put(command.getKey(), new ArrayList<>());
        }
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Java> command : commands.entrySet()) {
                ProcessTimer.Run run = timer.run(command.getValue().command());
                times.get(command.getKey()).add(run.millis);
                values.get(command.getKey()).add(run.values);
            }
        }
        Map<String, ClassLoads> classes = new LinkedHashMap<>();
        for (Map.Entry<String, Java> command : commands.entrySet()) {
            Path log = scratch.resolve(command.getKey() + ".classes.log");
            Files.deleteIfExists(log);
            timer.run(command.getValue().with(ClassLoads.option(log)).command());
            classes.put(command.getKey(), ClassLoads.read(log));
        }
        List<Row> rows = new ArrayList<>();
        String baseTool = classes.containsKey("floor") ? "floor" : classes.containsKey("app") ? "app"
                : classes.keySet().iterator().next();
        ClassLoads base = classes.get(baseTool);
        for (String tool : commands.keySet()) {
            Map<String, String> extra = new LinkedHashMap<>(classes.get(tool).extra());
            for (String key : List.of("rss_kib", "heap_kib", "work_ms")) {
                extra.put(key, medianOf(values.get(tool), key));
            }
            rows.add(Row.of(figure, db, n, tool, times.get(tool), extra));
            if (tool.endsWith("-appcds")) {
                continue;
            }
            notes.append("### ").append(figure).append(", ").append(db).append(": ").append(tool).append("\n\n")
                    .append("`").append(commands.get(tool)).append("`\n\n")
                    .append(classes.get(tool).total).append(" classes loaded (").append(classes.get(tool).shared)
                    .append(" from the CDS archive, ").append(classes.get(tool).lambdas).append(" lambda forms)")
                    .append("; beyond ").append(baseTool).append("'s (").append(base.total).append("):\n\n");
            classes.get(tool).beyond(base, 25).forEach((group, count) ->
                    notes.append("- ").append(group).append(": ").append(count).append('\n'));
            notes.append('\n');
        }
        return rows;
    }

    private static String medianOf(List<Map<String, String>> runs, String key) {
        List<Double> numbers = new ArrayList<>();
        for (Map<String, String> run : runs) {
            if (run.containsKey(key)) {
                numbers.add(Double.parseDouble(run.get(key)));
            }
        }
        if (numbers.isEmpty()) {
            return "";
        }
        numbers.sort(null);
        return String.valueOf((long) Row.median(numbers));
    }
}
