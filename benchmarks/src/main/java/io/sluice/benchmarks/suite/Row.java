package io.sluice.benchmarks.suite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One measured figure for one tool: the median in milliseconds, the spread (lowest and highest
 * sample, or JMH's mean ± error), how many samples, and extra values (RSS, classes, …). One line
 * of a results TSV file.
 */
final class Row {
    static final String HEADER = "figure\tdb\tn\ttool\tmedian_ms\tlow_ms\thigh_ms\tsamples\textra";

    final String figure;
    final String db;
    final int n;
    final String tool;
    final double median;
    final double low;
    final double high;
    final int samples;
    final Map<String, String> extra;

    Row(String figure, String db, int n, String tool, double median, double low, double high, int samples,
        Map<String, String> extra) {
        this.figure = figure;
        this.db = db;
        this.n = n;
        this.tool = tool;
        this.median = median;
        this.low = low;
        this.high = high;
        this.samples = samples;
        this.extra = extra;
    }

    static Row of(String figure, String db, int n, String tool, List<Double> samples, Map<String, String> extra) {
        List<Double> sorted = new ArrayList<>(samples);
        sorted.sort(null);
        return new Row(figure, db, n, tool, median(sorted), sorted.get(0), sorted.get(sorted.size() - 1),
                sorted.size(), extra);
    }

    static double median(List<Double> sorted) {
        int size = sorted.size();
        return size % 2 == 1 ? sorted.get(size / 2) : (sorted.get(size / 2 - 1) + sorted.get(size / 2)) / 2;
    }

    String extra(String key) {
        return extra.get(key);
    }

    String line() {
        StringBuilder extras = new StringBuilder();
        extra.forEach((key, value) -> extras.append(extras.length() == 0 ? "" : ";").append(key).append('=').append(value));
        return String.join("\t", figure, db, Integer.toString(n), tool, format(median), format(low), format(high),
                Integer.toString(samples), extras.toString());
    }

    static Row parse(String line) {
        String[] cells = line.split("\t", -1);
        Map<String, String> extra = new LinkedHashMap<>();
        if (!cells[8].isEmpty()) {
            for (String pair : cells[8].split(";")) {
                int equals = pair.indexOf('=');
                extra.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return new Row(cells[0], cells[1], Integer.parseInt(cells[2]), cells[3], Double.parseDouble(cells[4]),
                Double.parseDouble(cells[5]), Double.parseDouble(cells[6]), Integer.parseInt(cells[7]), extra);
    }

    static String format(double millis) {
        return String.format(java.util.Locale.ROOT, "%.3f", millis);
    }

    @Override
    public String toString() {
        return line();
    }

    static List<String> lines(List<Row> rows) {
        List<String> lines = new ArrayList<>(Arrays.asList(HEADER));
        rows.forEach(row -> lines.add(row.line()));
        return lines;
    }
}
