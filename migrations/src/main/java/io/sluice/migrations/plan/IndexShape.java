package io.sluice.migrations.plan;

import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** An index as SPEC §3 compares it: its table, its columns in order, and whether it is unique. */
public final class IndexShape {
    private final String table;
    private final List<String> columns;
    private final boolean unique;
    private final boolean valid;

    public IndexShape(String table, List<String> columns, boolean unique) {
        this(table, columns, unique, true);
    }

    /** @param valid false for a PostgreSQL index left INVALID by an interrupted {@code CREATE INDEX CONCURRENTLY} */
    public IndexShape(String table, List<String> columns, boolean unique, boolean valid) {
        this.table = table;
        this.columns = Collections.unmodifiableList(columns == null ? Collections.<String>emptyList() : columns);
        this.unique = unique;
        this.valid = valid;
    }

    /** An INVALID index is never counted as present: it is dropped and built again. */
    public boolean isValid() {
        return valid;
    }

    public String table() {
        return table;
    }

    /** Null when the shapes match; else what differs. */
    public String difference(IndexShape expected) {
        if (!table.equalsIgnoreCase(expected.table)) {
            return "on table " + table + ", expected " + expected.table;
        }
        if (!lower(columns).equals(lower(expected.columns))) {
            return "columns " + columns + " found, " + expected.columns + " expected";
        }
        if (unique != expected.unique) {
            return unique ? "unique, expected not unique" : "not unique, expected unique";
        }
        return null;
    }

    private static String lower(List<String> names) {
        return names.toString().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return (valid ? "" : "INVALID ") + (unique ? "unique " : "") + "index on " + table + " " + columns;
    }
}
