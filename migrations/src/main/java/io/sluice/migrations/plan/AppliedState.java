package io.sluice.migrations.plan;

import io.sluice.migrations.model.AppliedMigration;
import io.sluice.migrations.model.MigrationType;
import io.sluice.migrations.model.Version;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The history replayed in rank order: what is applied now. A successful row applies its version,
 * a later {@code UNDO} row takes it back, a {@code BASELINE} row stands for every version up to
 * its own; failed rows count for nothing, so a fixed file runs again, and so do rows whose
 * version column is not a version ({@link HistoryCheck} reports them).
 */
final class AppliedState {
    private static final Comparator<AppliedMigration> BY_VERSION = (a, b) -> a.version().compareTo(b.version());

    /** Hashed, not sorted: every history row and every file looks its version up here, and equal versions hash alike. */
    private final Map<Version, AppliedMigration> applied = new LinkedHashMap<>();
    private final Map<String, AppliedMigration> repeatables = new HashMap<>();
    private Version baseline;
    private Version current;

    static AppliedState of(List<AppliedMigration> history) {
        AppliedState state = new AppliedState();
        for (AppliedMigration row : history) {
            if (!row.success() || row.hasUnreadableVersion()) {
                continue;
            }
            switch (row.type()) {
                case UNDO:
                    state.applied.remove(row.version());
                    break;
                case BASELINE:
                    state.baseline = row.version();
                    state.applied.put(row.version(), row);
                    break;
                case REPEATABLE:
                    state.repeatables.put(row.description(), row);
                    break;
                default:
                    state.applied.put(row.version(), row);
            }
        }
        for (Version version : state.applied.keySet()) {
            if (state.current == null || version.compareTo(state.current) > 0) {
                state.current = version;
            }
        }
        return state;
    }

    boolean isApplied(Version version) {
        return applied.containsKey(version) || (baseline != null && version.compareTo(baseline) <= 0);
    }

    /** The highest applied version, or null. */
    Version current() {
        return current;
    }

    /** The applied versions in version order (baseline rows excluded). */
    Collection<Version> versions() {
        List<Version> versions = new ArrayList<>();
        for (AppliedMigration row : rows()) {
            versions.add(row.version());
        }
        return versions;
    }

    /**
     * The applied versioned rows in version order (baseline rows excluded). Rows are kept in rank
     * order, which is version order but for out-of-order and undone ones, so the sort is a pass.
     */
    Collection<AppliedMigration> rows() {
        List<AppliedMigration> rows = new ArrayList<>();
        for (AppliedMigration row : applied.values()) {
            if (row.type() != MigrationType.BASELINE) {
                rows.add(row);
            }
        }
        rows.sort(BY_VERSION);
        return rows;
    }

    AppliedMigration lastRepeatable(String description) {
        return repeatables.get(description);
    }
}
