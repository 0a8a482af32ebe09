package io.sluice.migrations.plan;

import io.sluice.migrations.model.AppliedMigration;
import io.sluice.migrations.model.MigrationType;
import io.sluice.migrations.model.Version;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The history replayed in rank order: what is applied now. A successful row applies its version,
 * a later {@code UNDO} row takes it back, a {@code BASELINE} row stands for every version up to
 * its own; failed rows count for nothing, so a fixed file runs again, and so do rows whose
 * version column is not a version ({@link HistoryCheck} reports them).
 */
final class AppliedState {
    private final TreeMap<Version, AppliedMigration> applied = new TreeMap<>();
    private final Map<String, AppliedMigration> repeatables = new HashMap<>();
    private Version baseline;

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
        return state;
    }

    boolean isApplied(Version version) {
        return applied.containsKey(version) || (baseline != null && version.compareTo(baseline) <= 0);
    }

    /** The highest applied version, or null. */
    Version current() {
        return applied.isEmpty() ? null : applied.lastKey();
    }

    Collection<Version> versions() {
        List<Version> versions = new ArrayList<>();
        for (AppliedMigration row : applied.values()) {
            if (row.type() != MigrationType.BASELINE) {
                versions.add(row.version());
            }
        }
        return versions;
    }

    /** The applied versioned rows (baseline rows excluded). */
    Collection<AppliedMigration> rows() {
        List<AppliedMigration> rows = new ArrayList<>();
        for (AppliedMigration row : applied.values()) {
            if (row.type() != MigrationType.BASELINE) {
                rows.add(row);
            }
        }
        return rows;
    }

    AppliedMigration lastRepeatable(String description) {
        return repeatables.get(description);
    }
}
