package io.sluice.cli;

import java.io.PrintWriter;

/**
 * A one-line bar on stderr, redrawn in place, so stdout stays the command's output. Drawn only on a
 * terminal and never with {@code --json}: piped or scripted output has no bar at all.
 */
final class ProgressBar {
    private static final int WIDTH = 30;

    private final PrintWriter err;

    private ProgressBar(PrintWriter err) {
        this.err = err;
    }

    /** A bar, or null when there is no terminal to draw on. */
    static ProgressBar onTerminal(PrintWriter err, boolean json) {
        return System.console() == null || json ? null : new ProgressBar(err);
    }

    void show(long done, long total, String label) {
        int filled = total <= 0 ? WIDTH : (int) (WIDTH * Math.min(done, total) / total);
        err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total + " " + label);
        err.print(done >= total ? "\n" : "");
        err.flush();
    }
}
