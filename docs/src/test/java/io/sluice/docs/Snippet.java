package io.sluice.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fenced block of a Markdown page, with the marker comment on the line before its fence:
 * {@code <!-- runnable -->}, {@code <!-- runnable: exit=3 -->} (runs and ends with that status),
 * {@code <!-- runnable: file=ops.properties -->} (written to that file for the page's other snippets)
 * or {@code <!-- not runnable: why -->}.
 */
record Snippet(String page, int line, String language, String marker, String text) {
    private static final Pattern FENCE = Pattern.compile("^(\\s*)```(\\S*)\\s*$");
    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*((?:not )?runnable\\b.*?)\\s*-->\\s*$");

    /** Every fenced block of a page, in order; {@code page} is how messages name it. */
    static List<Snippet> of(Path file, String page) throws Exception {
        List<String> lines = Files.readAllLines(file);
        List<Snippet> snippets = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            String indent = open.group(1);
            StringBuilder text = new StringBuilder();
            int close = i + 1;
            while (close < lines.size() && !lines.get(close).trim().equals("```")) {
                String line = lines.get(close);
                text.append(line.startsWith(indent) ? line.substring(indent.length()) : line.strip()).append('\n');
                close++;
            }
            snippets.add(new Snippet(page, i + 1, open.group(2), markerBefore(lines, i), text.toString()));
            i = close;
        }
        return snippets;
    }

    /** The marker comment on the nearest non-blank line above the fence, or null. */
    private static String markerBefore(List<String> lines, int fence) {
        int above = fence - 1;
        while (above >= 0 && lines.get(above).isBlank()) {
            above--;
        }
        if (above < 0) {
            return null;
        }
        Matcher marker = MARKER.matcher(lines.get(above));
        return marker.matches() ? marker.group(1) : null;
    }

    boolean isShellOrProperties() {
        return language.equals("sh") || language.equals("properties");
    }

    boolean runs() {
        return marker != null && marker.startsWith("runnable");
    }

    /** The reason a snippet does not run; empty when the marker gives none. */
    String whyNotRunnable() {
        return marker.replaceFirst("^not runnable:?", "").strip();
    }

    /** The exit status a runnable snippet ends with: 0 unless its marker says {@code exit=N}. */
    int expectedExit() {
        Matcher exit = Pattern.compile("\\bexit=(\\d+)").matcher(marker);
        return exit.find() ? Integer.parseInt(exit.group(1)) : 0;
    }

    /** The file a runnable snippet is written to instead of being run, or null. */
    String file() {
        Matcher file = Pattern.compile("\\bfile=(\\S+)").matcher(marker);
        return file.find() ? file.group(1) : null;
    }

    @Override
    public String toString() {
        return page + ":" + line;
    }
}
