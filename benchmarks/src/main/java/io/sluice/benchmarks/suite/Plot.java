package io.sluice.benchmarks.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hand-written SVG: cost against the number of migrations, log-log, one panel per (figure,
 * database), one line per tool. No plotting library: a few rectangles, polylines and labels.
 */
final class Plot {
    private static final int PANEL_WIDTH = 420;
    private static final int PANEL_HEIGHT = 300;
    private static final int MARGIN_LEFT = 84;
    private static final int MARGIN_TOP = 36;
    private static final int MARGIN_BOTTOM = 44;
    private static final String[][] TOOLS = {
            {"sluice", "Sluice", "#1f77b4"}, {"flyway", "Flyway", "#d62728"},
            {"floor", "floor", "#2ca02c"}, {"raw", "raw loop", "#2ca02c"}};

    private Plot() {
    }

    /** Panels: {@code figures} across, {@code dbs} down. */
    static String svg(List<Row> rows, List<String[]> figures, List<String> dbs) {
        int width = figures.size() * (PANEL_WIDTH + MARGIN_LEFT) + 20;
        int height = dbs.size() * (PANEL_HEIGHT + MARGIN_TOP + MARGIN_BOTTOM) + 40;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                width, height));
        for (int row = 0; row < dbs.size(); row++) {
            for (int column = 0; column < figures.size(); column++) {
                int x = column * (PANEL_WIDTH + MARGIN_LEFT) + MARGIN_LEFT;
                int y = row * (PANEL_HEIGHT + MARGIN_TOP + MARGIN_BOTTOM) + MARGIN_TOP;
                panel(svg, rows, figures.get(column)[0], figures.get(column)[1] + ", "
                        + (dbs.get(row).equals("sqlite") ? "SQLite" : "PostgreSQL") + " (medians)", dbs.get(row), x, y);
            }
        }
        int legendY = height - 16;
        int legendX = MARGIN_LEFT;
        for (String[] tool : new String[][] {TOOLS[0], TOOLS[1], {"floor", "floor (up to date) / raw loop (cold apply)", "#2ca02c"}}) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", legendX, legendY - 4, legendX + 24, legendY - 4, tool[2],
                    legendX + 30, legendY, tool[1]));
            legendX += 60 + tool[1].length() * 7;
        }
        return svg.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder svg, List<Row> rows, String figure, String title, String db, int x, int y) {
        Map<String, TreeMap<Integer, Double>> lines = new TreeMap<>();
        for (Row row : rows) {
            if (row.figure.equals(figure) && row.db.equals(db)) {
                lines.computeIfAbsent(row.tool, k -> new TreeMap<>()).put(row.n, row.median);
            }
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", x, y - 12, title));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                x, y, PANEL_WIDTH, PANEL_HEIGHT));
        List<Double> values = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        lines.values().forEach(line -> {
            values.addAll(line.values());
            line.keySet().forEach(n -> {
                if (!counts.contains(n)) {
                    counts.add(n);
                }
            });
        });
        if (values.isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">not measured</text>%n", x + 20, y + 40));
            return;
        }
        counts.sort(null);
        double minN = Math.log10(counts.get(0));
        double maxN = Math.log10(counts.get(counts.size() - 1));
        if (maxN == minN) {
            maxN = minN + 1;
        }
        double minY = Math.floor(Math.log10(values.stream().mapToDouble(Double::doubleValue).min().getAsDouble()));
        double maxY = Math.ceil(Math.log10(values.stream().mapToDouble(Double::doubleValue).max().getAsDouble()));
        if (maxY == minY) {
            maxY = minY + 1;
        }
        for (double decade = minY; decade <= maxY; decade++) {
            double py = y + PANEL_HEIGHT - (decade - minY) / (maxY - minY) * PANEL_HEIGHT;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s ms</text>%n", x, py, x + PANEL_WIDTH, py,
                    x - 4, py + 4, label(Math.pow(10, decade))));
        }
        for (int n : counts) {
            double px = x + 10 + (Math.log10(n) - minN) / (maxN - minN) * (PANEL_WIDTH - 20);
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
                    px, y + PANEL_HEIGHT + 16, n));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">migrations</text>%n",
                x + PANEL_WIDTH / 2, y + PANEL_HEIGHT + 32));
        for (String[] tool : TOOLS) {
            TreeMap<Integer, Double> line = lines.get(tool[0]);
            if (line == null) {
                continue;
            }
            StringBuilder points = new StringBuilder();
            for (Map.Entry<Integer, Double> point : line.entrySet()) {
                double px = x + 10 + (Math.log10(point.getKey()) - minN) / (maxN - minN) * (PANEL_WIDTH - 20);
                double py = y + PANEL_HEIGHT - (Math.log10(point.getValue()) - minY) / (maxY - minY) * PANEL_HEIGHT;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", px, py, tool[2]));
            }
            svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    points.toString().trim(), tool[2]));
        }
    }

    private static String label(double millis) {
        return millis >= 1 ? String.format(Locale.ROOT, "%,.0f", millis) : String.format(Locale.ROOT, "%.2g", millis);
    }
}
