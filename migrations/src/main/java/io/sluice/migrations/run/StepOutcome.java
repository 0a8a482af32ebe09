package io.sluice.migrations.run;

import java.util.Locale;

/** How a step ended; the {@code outcome} tag of {@code sluice.gate.duration}. */
public enum StepOutcome {
    SUCCESS, FAILURE, SKIPPED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
