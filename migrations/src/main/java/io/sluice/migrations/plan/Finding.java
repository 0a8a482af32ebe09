package io.sluice.migrations.plan;

import java.util.Locale;

/** A lint finding on one statement: an error refuses the gate, a warning is shown and logged. */
public final class Finding {
    public enum Severity {
        ERROR, WARNING;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final int line;
    private final Severity severity;
    private final String rule;
    private final String message;

    public Finding(int line, Severity severity, String rule, String message) {
        this.line = line;
        this.severity = severity;
        this.rule = rule;
        this.message = message;
    }

    public int line() {
        return line;
    }

    public Severity severity() {
        return severity;
    }

    /** {@code destructive}, {@code index-without-concurrently}, {@code set-not-null}, {@code volatile-default}, {@code foreign-key-without-not-valid}. */
    public String rule() {
        return rule;
    }

    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return "line " + line + " " + severity.label() + " [" + rule + "] " + message;
    }
}
