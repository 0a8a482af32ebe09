package io.sluice.migrations.resolve;

import io.sluice.migrations.model.MigrationType;
import io.sluice.migrations.model.Version;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads Flyway-style names: {@code V1.1__Add_loans}, {@code R__Views}, {@code U1.1__Add_loans}. */
final class MigrationName {
    private static final Pattern VERSIONED = Pattern.compile("([VU])([0-9][0-9._]*)__(.+)");
    private static final Pattern REPEATABLE = Pattern.compile("R__(.+)");

    final MigrationType type;
    final Version version;
    final String description;

    private MigrationName(MigrationType type, Version version, String description) {
        this.type = type;
        this.version = version;
        this.description = description;
    }

    /**
     * @param baseName the file name without folder and extension, or the simple class name
     * @return null when the name is not a migration's
     */
    static MigrationName parse(String baseName, boolean javaClass) {
        Matcher versioned = VERSIONED.matcher(baseName);
        if (versioned.matches()) {
            boolean undo = versioned.group(1).equals("U");
            if (undo && javaClass) {
                return null;
            }
            Version version;
            try {
                version = Version.parse(versioned.group(2));
            } catch (IllegalArgumentException e) {
                return null;
            }
            MigrationType type = undo ? MigrationType.UNDO : javaClass ? MigrationType.JAVA : MigrationType.SQL;
            return new MigrationName(type, version, describe(versioned.group(3)));
        }
        Matcher repeatable = REPEATABLE.matcher(baseName);
        if (repeatable.matches() && !javaClass) {
            return new MigrationName(MigrationType.REPEATABLE, null, describe(repeatable.group(1)));
        }
        return null;
    }

    private static String describe(String text) {
        return text.replace('_', ' ');
    }
}
