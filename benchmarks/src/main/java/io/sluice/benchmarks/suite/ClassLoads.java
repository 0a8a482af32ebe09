package io.sluice.benchmarks.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the classes a fresh JVM loaded, from its {@code -Xlog:class+load} file: in all, from the
 * JDK's class-data-sharing archive, and by package group (JDK packages by their first three names,
 * Sluice's by subpackage, picocli apart), so the report can name what to cut.
 */
final class ClassLoads {
    final int total;
    final int shared;
    final int lambdas;
    final Map<String, Integer> groups;

    private ClassLoads(int total, int shared, int lambdas, Map<String, Integer> groups) {
        this.total = total;
        this.shared = shared;
        this.lambdas = lambdas;
        this.groups = groups;
    }

    /** The JVM option that writes the log this class reads. */
    static String option(Path log) {
        return "-Xlog:class+load=info:file=" + log;
    }

    static ClassLoads read(Path log) throws IOException {
        int total = 0;
        int shared = 0;
        int lambdas = 0;
        Map<String, Integer> groups = new TreeMap<>();
        for (String line : Files.readAllLines(log)) {
            int start = line.indexOf("[class,load] ");
            if (start < 0) {
                continue;
            }
            String rest = line.substring(start + "[class,load] ".length());
            int space = rest.indexOf(' ');
            String name = space < 0 ? rest : rest.substring(0, space);
            total++;
            if (rest.contains("source: shared objects file")) {
                shared++;
            }
            if (name.contains("$$Lambda")) {
                lambdas++;
            }
            groups.merge(group(name), 1, Integer::sum);
        }
        return new ClassLoads(total, shared, lambdas, groups);
    }

    static String group(String name) {
        String packageName = name.lastIndexOf('.') < 0 ? "" : name.substring(0, name.lastIndexOf('.'));
        if (packageName.startsWith("io.sluice.shaded.picocli")) {
            return "picocli (io.sluice.shaded.picocli)";
        }
        if (packageName.startsWith("org.flywaydb.core.internal.")) {
            return prefix(packageName, 5);
        }
        if (packageName.startsWith("io.sluice.") || packageName.startsWith("org.flywaydb.")) {
            return prefix(packageName, 4);
        }
        return prefix(packageName, 3);
    }

    private static String prefix(String packageName, int names) {
        String[] parts = packageName.split("\\.");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < Math.min(names, parts.length); i++) {
            prefix.append(i == 0 ? "" : ".").append(parts[i]);
        }
        return prefix.toString();
    }

    /** Classes in groups that start with any of {@code prefixes}. */
    int count(String... prefixes) {
        int count = 0;
        for (Map.Entry<String, Integer> group : groups.entrySet()) {
            for (String prefix : prefixes) {
                if (group.getKey().startsWith(prefix)) {
                    count += group.getValue();
                    break;
                }
            }
        }
        return count;
    }

    /** The largest groups, biggest first. */
    List<Map.Entry<String, Integer>> largest(int limit) {
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(groups.entrySet());
        sorted.sort((a, b) -> b.getValue() - a.getValue());
        return sorted.subList(0, Math.min(limit, sorted.size()));
    }

    /** The groups in {@code this} and not (or less) in {@code base}, by how many more. */
    Map<String, Integer> beyond(ClassLoads base, int limit) {
        List<Map.Entry<String, Integer>> more = new ArrayList<>();
        for (Map.Entry<String, Integer> group : groups.entrySet()) {
            int extra = group.getValue() - base.groups.getOrDefault(group.getKey(), 0);
            if (extra > 0) {
                more.add(Map.entry(group.getKey(), extra));
            }
        }
        more.sort((a, b) -> b.getValue() - a.getValue());
        Map<String, Integer> largest = new LinkedHashMap<>();
        more.stream().limit(limit).forEach(entry -> largest.put(entry.getKey(), entry.getValue()));
        return largest;
    }

    Map<String, String> extra() {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("classes", Integer.toString(total));
        extra.put("classes_cds", Integer.toString(shared));
        extra.put("lambdas", Integer.toString(lambdas));
        extra.put("picocli", Integer.toString(count("picocli")));
        extra.put("sluice", Integer.toString(count("io.sluice") - count("io.sluice.benchmarks") - count("io.sluice.shaded")));
        extra.put("shaded", Integer.toString(count("io.sluice.shaded")));
        extra.put("flyway", Integer.toString(count("org.flywaydb")));
        extra.put("jackson", Integer.toString(count("com.fasterxml")));
        extra.put("micrometer", Integer.toString(count("io.micrometer")));
        return extra;
    }
}
