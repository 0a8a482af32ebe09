package io.sluice.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Human output: columns aligned to their widest cell. */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... header) {
        rows.add(header);
    }

    TextTable row(Object... cells) {
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            text[i] = cells[i] == null ? "" : cells[i].toString();
        }
        rows.add(text);
        return this;
    }

    boolean isEmpty() {
        return rows.size() == 1;
    }

    @Override
    public String toString() {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == 0 ? "" : "  ").append(i == columns - 1 ? row[i] : pad(row[i], widths[i]));
            }
            out.append(line.toString().replaceAll("\\s+$", "")).append('\n');
        }
        return out.toString();
    }

    private static String pad(String text, int width) {
        char[] spaces = new char[Math.max(0, width - text.length())];
        Arrays.fill(spaces, ' ');
        return text + new String(spaces);
    }
}
