package io.sluice.migrations.sql;

/**
 * One statement of a script: its text without the terminating semicolon and without the
 * whitespace and comments around it, and the line it starts on, for error messages.
 */
public final class SqlStatement {
    private final String sql;
    private final int line;

    SqlStatement(String sql, int line) {
        this.sql = sql;
        this.line = line;
    }

    public String sql() {
        return sql;
    }

    /** 1-based line of the statement's first character that is neither whitespace nor comment. */
    public int line() {
        return line;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof SqlStatement)) {
            return false;
        }
        SqlStatement that = (SqlStatement) other;
        return line == that.line && sql.equals(that.sql);
    }

    @Override
    public int hashCode() {
        return 31 * sql.hashCode() + line;
    }

    @Override
    public String toString() {
        return "line " + line + ": " + sql;
    }
}
