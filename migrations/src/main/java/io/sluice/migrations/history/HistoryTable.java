package io.sluice.migrations.history;

import io.sluice.migrations.config.Setting;
import io.sluice.migrations.dialect.Dialect;
import io.sluice.migrations.dialect.SessionCatalog;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.model.AppliedMigration;
import io.sluice.migrations.model.MigrationType;
import io.sluice.migrations.model.Version;
import io.sluice.migrations.resolve.Checksums;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The schema history table ({@code sluice_schema_history} by default). Its name was validated
 * as a plain identifier before it reaches any SQL here. It lives in the schema the gate resolved
 * when it connected and every statement names it schema-qualified (SPEC §4): a script that
 * changes {@code search_path}, or another schema of the same database with its own history,
 * must never make the gate read or write the wrong table. Rows are written on the gate's own
 * connection, inside the migration's transaction, so a migration and its row commit together.
 */
public final class HistoryTable {
    /** {@code execution_time_ms} of a "started" mark. */
    private static final long STARTED = -1;
    private static final String FLYWAY_TABLE = "flyway_schema_history";
    /** What the comparison with the files reads: the first eight of {@link #COLUMNS}. */
    private static final String COMPARED_COLUMNS = "installed_rank, version, description, type, script, checksum, "
            + "execution_time_ms, success";
    private static final String COLUMNS = COMPARED_COLUMNS + ", installed_by, installed_on, adopted, backup";

    private static final List<String> COLUMN_NAMES = Arrays.asList(COLUMNS.split(", "));

    private final SessionCatalog session;
    private final Connection connection;
    private final String schema;
    private final String table;
    private final String createDdl;

    /**
     * @param session   the gate's session: its connection, its schema (SQLite {@code main}) and its cheap
     *                  way to list a table's columns
     * @param createDdl the dialect's {@code CREATE TABLE} for this table (boolean and time types differ)
     */
    HistoryTable(SessionCatalog session, String table, String createDdl) {
        this.session = session;
        this.connection = session.connection();
        this.schema = session.schema();
        this.table = table;
        this.createDdl = createDdl;
    }

    /** The history table named {@code table} in the schema of the gate's session. */
    public static HistoryTable of(SessionCatalog session, Dialect dialect, String table) {
        String qualified = qualified(session.schema(), table);
        return new HistoryTable(session, table, dialect.historyTableDdl(qualified));
    }

    /** The name as SQL writes it: the schema quoted (as the catalog spells it), the table as configured. */
    private static String qualified(String schema, String table) {
        return '"' + schema.replace("\"", "\"\"") + "\"." + table;
    }

    private String qualified() {
        return qualified(schema, table);
    }

    /**
     * The {@code CREATE TABLE} of SPEC §4, with a dialect's boolean type, its false
     * ({@code FALSE}, {@code 0}) and time column ({@code TIMESTAMPTZ NOT NULL DEFAULT now()}).
     */
    public static String ddl(String table, String booleanType, String falseValue, String installedOnColumn) {
        return "CREATE TABLE " + table + " ("
                + "installed_rank INTEGER NOT NULL PRIMARY KEY, "
                + "version VARCHAR(50), "
                + "description VARCHAR(200) NOT NULL, "
                + "type VARCHAR(20) NOT NULL, "
                + "script VARCHAR(1000) NOT NULL, "
                + "checksum VARCHAR(100), "
                + "installed_by VARCHAR(100) NOT NULL, "
                + "installed_on " + installedOnColumn + ", "
                + "execution_time_ms INTEGER NOT NULL, "
                + "success " + booleanType + " NOT NULL, "
                + "adopted " + booleanType + " NOT NULL DEFAULT " + falseValue + ", "
                + "backup VARCHAR(1000))";
    }

    public String name() {
        return table;
    }

    public boolean exists() throws SQLException {
        return !columns().isEmpty();
    }

    /**
     * The lower-case column names of whatever relation has this name in the schema (table or
     * view); empty when there is none. Asked of the session, which knows a query far cheaper than
     * {@code DatabaseMetaData} (one start's existence check cost 6 ms through it).
     */
    private Set<String> columns() throws SQLException {
        return session.columnsOf(table);
    }

    /**
     * {@code sluice.table} naming an application's table must stop the gate before anything is
     * backed up or written, not add rows to it or fail halfway.
     */
    private void requireHistoryShape(Set<String> columns) throws SluiceException {
        List<String> missing = new ArrayList<>(COLUMN_NAMES);
        missing.removeAll(columns);
        if (!missing.isEmpty()) {
            throw new SluiceException(Problem.INVALID_SETTING, Setting.TABLE.property() + "=" + table + " names an "
                    + "existing table that is not a Sluice history table (no column " + String.join(", ", missing)
                    + "); name a table that does not exist yet, or leave the setting unset; nothing was changed");
        }
    }

    public void createIfAbsent() throws SQLException {
        if (!exists()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(createDdl);
            }
        }
    }

    /** Every row in rank order; empty when the table does not exist yet. */
    public List<AppliedMigration> read() throws SQLException {
        return read(true);
    }

    /**
     * Every row in rank order as the files are compared with it: who applied it, when, whether it
     * was adopted and its backup are left out (null and false), as an up-to-date start never needs
     * them; on a long history that is half the bytes a server sends.
     */
    public List<AppliedMigration> readForComparison() throws SQLException {
        return read(false);
    }

    private List<AppliedMigration> read(boolean whole) throws SQLException {
        Set<String> columns = columns();
        if (columns.isEmpty()) {
            return Collections.emptyList();
        }
        requireHistoryShape(columns);
        List<AppliedMigration> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT " + (whole ? COLUMNS : COMPARED_COLUMNS) + " FROM "
                     + qualified() + " ORDER BY installed_rank")) {
            // By position, in COLUMNS' order: a name lookup per value costs more than the read on a long history.
            while (rs.next()) {
                String version = rs.getString(2);
                Version parsed = parseVersion(version);
                AppliedMigration row = new AppliedMigration(rs.getInt(1), parsed, rs.getString(3),
                        MigrationType.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
                        whole ? rs.getString(9) : null, whole ? rs.getString(10) : null, rs.getLong(7), rs.getBoolean(8),
                        whole && rs.getBoolean(11), whole ? rs.getString(12) : null);
                rows.add(version != null && parsed == null ? row.withUnreadableVersion(version) : row);
            }
        }
        return rows;
    }

    /** Null for text that is not a version: a hand-edited row must be shown and repaired, not fail every read. */
    private static Version parseVersion(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Version.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The successful rows of Flyway's {@code flyway_schema_history}, when Sluice's own table is
     * absent: an application that switches from Flyway keeps its history. Checksums are Flyway's
     * ({@code flyway-crc32:<int>}), checked against the files with Flyway's own algorithm.
     */
    public List<AppliedMigration> readFlyway() throws SQLException {
        HistoryTable flyway = new HistoryTable(session, FLYWAY_TABLE, null);
        if (!flyway.exists()) {
            return Collections.emptyList();
        }
        List<AppliedMigration> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT installed_rank, version, description, type, script, checksum, "
                     + "installed_by, installed_on, execution_time FROM " + flyway.qualified() + " WHERE success ORDER BY installed_rank")) {
            while (rs.next()) {
                String version = rs.getString("version");
                MigrationType type = flywayType(rs.getString("type"), version);
                if (type == null) {
                    continue;
                }
                Object checksum = rs.getObject("checksum");
                rows.add(new AppliedMigration(rs.getInt("installed_rank"), version == null ? null : Version.parse(version),
                        rs.getString("description"), type, rs.getString("script"),
                        checksum == null ? null : Checksums.FLYWAY_PREFIX + rs.getInt("checksum"),
                        rs.getString("installed_by"), rs.getString("installed_on"), rs.getLong("execution_time"),
                        true, true, null));
            }
        }
        return rows;
    }

    /**
     * The versions a home-made history table recorded ({@code schema_migrations (version INTEGER
     * PRIMARY KEY, …)}), as written; empty when the table does not exist. Both names were validated
     * as identifiers.
     */
    public List<String> readLegacyVersions(String legacyTable, String versionColumn) throws SQLException {
        HistoryTable legacy = new HistoryTable(session, legacyTable, null);
        List<String> versions = new ArrayList<>();
        if (!legacy.exists()) {
            return versions;
        }
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT " + versionColumn + " FROM " + legacy.qualified())) {
            while (rs.next()) {
                versions.add(String.valueOf(rs.getObject(1)).trim());
            }
        }
        return versions;
    }

    /** Flyway's row types as Sluice's; null for rows that record no migration (schema creation, deletes). */
    private static MigrationType flywayType(String type, String version) {
        if (type.contains("BASELINE")) {
            return MigrationType.BASELINE;
        }
        if (type.equals("SQL")) {
            return version == null ? MigrationType.REPEATABLE : MigrationType.SQL;
        }
        if (type.contains("JDBC") || type.equals("SCRIPT")) {
            return version == null ? MigrationType.REPEATABLE : MigrationType.JAVA;
        }
        return null;
    }

    /**
     * Whether a successful row for the version exists now, after its last undo: read inside a
     * migration's transaction after the lock's fence, it tells a holder whose plan went stale
     * (another instance applied the version meanwhile) not to apply it again.
     */
    public boolean isApplied(Version version) throws SQLException {
        String sql = "SELECT 1 FROM " + qualified() + " WHERE version = ? AND success AND type <> 'UNDO' AND installed_rank > "
                + "COALESCE((SELECT MAX(installed_rank) FROM " + qualified() + " WHERE version = ? AND type = 'UNDO'), 0)";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, version.toString());
            query.setString(2, version.toString());
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Appends a row; {@code installed_on} is filled by the database. */
    public void insert(Version version, String description, MigrationType type, String script, String checksum,
                       String installedBy, long executionTimeMs, boolean success, boolean adopted, String backup)
            throws SQLException {
        String sql = "INSERT INTO " + qualified() + " (installed_rank, version, description, type, script, checksum, "
                + "installed_by, execution_time_ms, success, adopted, backup) "
                + "SELECT COALESCE(MAX(installed_rank), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM " + qualified();
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            setNullable(insert, 1, version == null ? null : version.toString());
            insert.setString(2, truncate(description, 200));
            insert.setString(3, type.name());
            insert.setString(4, truncate(script, 1000));
            setNullable(insert, 5, checksum);
            insert.setString(6, truncate(installedBy, 100));
            insert.setLong(7, executionTimeMs);
            insert.setBoolean(8, success);
            insert.setBoolean(9, adopted);
            setNullable(insert, 10, backup);
            insert.executeUpdate();
        }
    }

    /**
     * The durable "started" mark of a script that runs outside a transaction: a failed row with
     * {@code execution_time_ms = -1}, written before its first statement and turned into the
     * script's real row when it ends. A mark found at the next start means the script was
     * interrupted with some of its statements committed (SPEC §3).
     *
     * @return the mark's {@code installed_rank}
     */
    public int insertStarted(Version version, String description, MigrationType type, String script, String checksum,
                             String installedBy, String backup) throws SQLException {
        insert(version, description, type, script, checksum, installedBy, STARTED, false, false, backup);
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT MAX(installed_rank) FROM " + qualified())) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * Turns a "started" mark into the script's row: it succeeded or failed after {@code executionTimeMs}.
     *
     * @return false when the mark is gone (a restored backup predates it)
     */
    public boolean finishStarted(int installedRank, long executionTimeMs, boolean success, boolean adopted) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + qualified()
                + " SET execution_time_ms = ?, success = ?, adopted = ? WHERE installed_rank = ?")) {
            update.setLong(1, executionTimeMs);
            update.setBoolean(2, success);
            update.setBoolean(3, adopted);
            update.setInt(4, installedRank);
            return update.executeUpdate() > 0;
        }
    }

    /** Whether a row is the "started" mark of a script that never finished. */
    public static boolean isStartedMark(AppliedMigration row) {
        return !row.success() && row.executionTimeMs() == STARTED;
    }

    /** Removes one row: a "started" mark whose script is safe to run again. */
    public void delete(int installedRank) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + qualified() + " WHERE installed_rank = ?")) {
            delete.setInt(1, installedRank);
            delete.executeUpdate();
        }
    }

    /** {@code repair}: accepts a deliberate change of an applied file. */
    public void updateChecksum(int installedRank, String checksum) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + qualified() + " SET checksum = ? WHERE installed_rank = ?")) {
            update.setString(1, checksum);
            update.setInt(2, installedRank);
            update.executeUpdate();
        }
    }

    /** {@code repair}: writes a readable version into a row whose version column was edited by hand. */
    public void updateVersion(int installedRank, Version version) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + qualified() + " SET version = ? WHERE installed_rank = ?")) {
            update.setString(1, version.toString());
            update.setInt(2, installedRank);
            update.executeUpdate();
        }
    }

    /** {@code repair}: removes the rows of failed runs; returns how many. */
    public int deleteFailed() throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + qualified() + " WHERE success = ?")) {
            delete.setBoolean(1, false);
            return delete.executeUpdate();
        }
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    private static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}
