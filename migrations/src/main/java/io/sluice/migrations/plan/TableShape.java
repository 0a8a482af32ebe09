package io.sluice.migrations.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A table as the comparison of SPEC §3 sees it: column names, declared types (as the database
 * reports them, compared case-insensitively), NOT NULL and primary key. Defaults and other
 * constraints are left to {@code drift}.
 */
public final class TableShape {
    /** One column's shape. */
    public static final class Column {
        private final String name;
        private final String type;
        private final boolean notNull;
        private final boolean primaryKey;
        private final boolean known;

        public Column(String name, String type, boolean notNull, boolean primaryKey) {
            this(name, type, notNull, primaryKey, true);
        }

        private Column(String name, String type, boolean notNull, boolean primaryKey, boolean known) {
            this.name = name;
            this.type = type == null ? "" : type.trim();
            this.notNull = notNull;
            this.primaryKey = primaryKey;
            this.known = known;
        }

        /** A column that is there, added or altered by a statement whose resulting shape was not read. */
        public static Column unknownShape(String name) {
            return new Column(name, null, false, false, false);
        }

        /** Whether the type, NOT NULL and primary key are known, not only the name. */
        public boolean isKnown() {
            return known;
        }

        public String name() {
            return name;
        }

        public String type() {
            return type;
        }

        boolean sameShape(Column other) {
            return type.equalsIgnoreCase(other.type) && notNull == other.notNull && primaryKey == other.primaryKey;
        }

        @Override
        public String toString() {
            return (type.isEmpty() ? "(no type)" : type) + (notNull ? " NOT NULL" : "") + (primaryKey ? " PRIMARY KEY" : "");
        }
    }

    private final Map<String, Column> columns;

    public TableShape(List<Column> columns) {
        Map<String, Column> byName = new LinkedHashMap<>();
        for (Column column : columns) {
            byName.put(key(column.name()), column);
        }
        this.columns = Collections.unmodifiableMap(byName);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Column names as the catalog spells them, in order. */
    public List<String> columnNames() {
        List<String> names = new ArrayList<>();
        for (Column column : columns.values()) {
            names.add(column.name());
        }
        return names;
    }

    public Column column(String name) {
        return columns.get(key(name));
    }

    public TableShape withColumn(Column column) {
        List<Column> all = new ArrayList<>(columns.values());
        all.removeIf(existing -> key(existing.name()).equals(key(column.name())));
        all.add(column);
        return new TableShape(all);
    }

    public TableShape withoutColumn(String name) {
        List<Column> all = new ArrayList<>(columns.values());
        all.removeIf(existing -> key(existing.name()).equals(key(name)));
        return new TableShape(all);
    }

    public TableShape withRenamedColumn(String from, String to) {
        List<Column> all = new ArrayList<>();
        for (Column column : columns.values()) {
            all.add(key(column.name()).equals(key(from))
                    ? new Column(to, column.type(), column.notNull, column.primaryKey, column.known) : column);
        }
        return new TableShape(all);
    }

    /** Whether a column's shape is not known (added or altered by a statement whose result was not read). */
    public boolean hasUnknownColumns() {
        for (Column column : columns.values()) {
            if (!column.isKnown()) {
                return true;
            }
        }
        return false;
    }

    /** Null when the shapes match (a column whose shape is not known matches by name only); else what differs, e.g. "column share: REAL found, INTEGER NOT NULL expected". */
    public String difference(TableShape expected) {
        List<String> differences = new ArrayList<>();
        for (Column wanted : expected.columns.values()) {
            Column found = column(wanted.name());
            if (found == null) {
                differences.add("column " + wanted.name() + " missing");
            } else if (found.isKnown() && wanted.isKnown() && !found.sameShape(wanted)) {
                differences.add("column " + wanted.name() + ": " + found + " found, " + wanted + " expected");
            }
        }
        for (Column found : columns.values()) {
            if (expected.column(found.name()) == null) {
                differences.add("column " + found.name() + " not expected");
            }
        }
        return differences.isEmpty() ? null : String.join("; ", differences);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TableShape && difference((TableShape) other) == null;
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns.keySet());
    }

    @Override
    public String toString() {
        return columns.values().toString();
    }
}
