package io.sluice.migrations.dialect.sqlite;

import io.sluice.migrations.backup.BackupFiles;
import io.sluice.migrations.config.Backup;
import io.sluice.migrations.config.Setting;
import io.sluice.migrations.config.Settings;
import io.sluice.migrations.dialect.BackupProgress;
import io.sluice.migrations.dialect.Connector;
import io.sluice.migrations.dialect.GateSession;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.plan.CatalogSnapshot;
import io.sluice.migrations.plan.CatalogView;
import io.sluice.migrations.plan.TableShape;
import io.sluice.migrations.sql.SplitRules;
import io.sluice.migrations.sql.SqlWords;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The gate on SQLite. The lock is the database's own write lock: {@code BEGIN IMMEDIATE} on the
 * gate's connection, held in one transaction from backup to verify, so neither other Sluice
 * processes nor any other writer can change the database in between, and a killed process's
 * lock dies with its file handles. Each migration is a savepoint inside that transaction, and
 * the whole run commits only after verify passed: a crash at any point leaves the database as it
 * was before the run.
 */
final class SqliteSession implements GateSession {
    private static final String SAVEPOINT = "sluice_migration";
    /** The reason of a backup an operator asked for: it only reads, and it is always a new file. */
    private static final String MANUAL = "manual-";

    private final Settings settings;
    private final Path databaseFile;
    private final SqliteBackup backup;
    private final Connection connection;
    private final SqliteCatalog catalog;
    private boolean transactionOpen;
    private boolean migrationTransactional;
    private Map<String, Long> rowCountsBefore = Collections.emptyMap();
    private Path lastBackup;

    /**
     * @param databaseFile the database's file, null for an in-memory database
     * @param backup       null when this database takes no backups
     */
    SqliteSession(Connector connector, Settings settings, Path databaseFile, SqliteBackup backup) throws SQLException {
        this.settings = settings;
        this.databaseFile = databaseFile;
        this.backup = backup;
        this.connection = connector.connect();
        this.catalog = new SqliteCatalog(connector);
        try {
            waitForLocks(connection, settings);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * The gate's connections wait for other processes' locks up to {@code lockTimeout}, not
     * sqlite-jdbc's default of 3 s: a busy database is a reason to wait, not to fail.
     */
    static void waitForLocks(Connection connection, Settings settings) throws SQLException {
        long millis = Math.min(Integer.MAX_VALUE, settings.duration(Setting.LOCK_TIMEOUT).toMillis());
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = " + millis);
        }
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public String schema() {
        return "main";
    }

    /** {@code table_info} reads the parsed schema: no catalog join as {@code DatabaseMetaData.getColumns} runs. */
    @Override
    public Set<String> columnsOf(String table) throws SQLException {
        Set<String> columns = new LinkedHashSet<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT name FROM pragma_table_info(?, 'main')")) {
            query.setString(1, table);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return columns;
    }

    @Override
    public CatalogSnapshot readCatalog() throws SQLException {
        return SqliteCatalog.read(connection);
    }

    @Override
    public CatalogView liveCatalog() {
        return SqliteCatalog.live(connection);
    }

    @Override
    public TableShape probeTable(String definition) throws SQLException {
        return catalog.probe(definition);
    }

    @Override
    public CatalogSnapshot scratchCatalog(List<String> statements) throws SQLException {
        return catalog.scratch(statements);
    }

    /** SQLite's busy handler waits inside {@code BEGIN IMMEDIATE}: there is no turn between attempts to ask in. */
    @Override
    public boolean lock(WhileWaiting whileWaiting) throws SQLException {
        lock();
        return true;
    }

    @Override
    public void lock() throws SQLException {
        try {
            execute("BEGIN IMMEDIATE");
            transactionOpen = true;
        } catch (SQLException e) {
            if (SqliteErrors.isReadOnly(e)) {
                throw SqliteWriteCheck.refusal(e, databaseFile);
            }
            throw SqliteErrors.isBusy(e) ? lockTimeout(e) : e;
        }
    }

    private SluiceException lockTimeout(SQLException cause) {
        return new SluiceException(Problem.LOCK_TIMEOUT, "Timed out after " + settings.text(Setting.LOCK_TIMEOUT)
                + " waiting for the database's write lock (another process is writing or migrating); "
                + "the next connect tries again; raise " + Setting.LOCK_TIMEOUT.property() + " to wait longer", cause);
    }

    @Override
    public Path backup(String reason, BackupProgress progress) throws SQLException {
        boolean manual = reason.startsWith(MANUAL);
        if (!manual) {
            SqliteWriteCheck.require(connection, databaseFile);
        }
        rowCountsBefore = SqliteChecks.rowCounts(connection);
        lastBackup = backup == null ? null : backup.write(connection, reason, rowCountsBefore, progress, !manual);
        return lastBackup;
    }

    /** A database too damaged for a verified backup still gets copied, byte for byte, before a restore replaces it. */
    @Override
    public Path preserve(String reason) throws SQLException {
        try {
            return backup(reason, BackupProgress.NONE);
        } catch (SQLException e) {
            boolean readOnly = e instanceof SluiceException && ((SluiceException) e).problem() == Problem.READ_ONLY_DATABASE;
            if (backup == null || readOnly) {
                throw e;
            }
            return backup.copyPlain(reason, e);
        }
    }

    @Override
    public void checkRestorable(Path file, boolean otherDatabase) throws SQLException {
        if (backup == null) {
            throw new SluiceException(Problem.RESTORE_REFUSED, "This database takes no backups ("
                    + Setting.BACKUP.assigned(Backup.NONE) + " or an "
                    + "in-memory database), so restore cannot keep what is there first; nothing was changed");
        }
        backup.checkRestorable(file, otherDatabase);
    }

    @Override
    public void restore(Path backup) throws SQLException {
        boolean relock = transactionOpen;
        if (transactionOpen) {
            // The backup replaces the whole database, so nothing the open transaction holds is worth
            // keeping; and on a damaged file SQLite may have ended it already, so a failure is no news.
            transactionOpen = false;
            try {
                execute("ROLLBACK");
            } catch (SQLException alreadyEnded) {
                // nothing to end
            }
        }
        try {
            SqliteBackup.restore(connection, backup);
        } catch (IOException e) {
            throw new SQLException("cannot restore " + backup + ": " + e.getMessage(), e);
        }
        if (relock) {
            lock();
        }
    }

    @Override
    public boolean restoresInterruptedScripts() {
        return true;
    }


    @Override
    public BackupFiles backupFiles() {
        return backup == null ? null : backup.files();
    }

    @Override
    public void beginMigration(boolean transactional) throws SQLException {
        migrationTransactional = transactional;
        if (transactional) {
            execute("SAVEPOINT " + SAVEPOINT);
        } else {
            // No-transaction scripts run on their own; what came before them is made durable first.
            commit();
        }
    }

    @Override
    public void commitMigration() throws SQLException {
        if (migrationTransactional) {
            execute("RELEASE " + SAVEPOINT);
        } else {
            lock();
        }
    }

    @Override
    public String rollbackMigration() throws SQLException {
        if (migrationTransactional) {
            execute("ROLLBACK TO " + SAVEPOINT);
            execute("RELEASE " + SAVEPOINT);
            return "it was rolled back";
        }
        // Statements outside a transaction cannot be undone: bring back the copy taken before the run.
        if (lastBackup == null) {
            throw new SluiceException(Problem.MIGRATION_FAILED, "a no-transaction script failed and there is no "
                    + "backup to restore (" + Setting.BACKUP.assigned(Backup.NONE) + "); the database may be partly migrated");
        }
        restore(lastBackup);
        lock();
        return "it ran outside a transaction, so the database was restored from the backup";
    }

    @Override
    public void verify(List<String> applied, boolean javaMigrationRan) throws SQLException {
        List<String> problems = new ArrayList<>();
        String integrity = SqliteChecks.integrity(connection);
        if (!integrity.equals("ok")) {
            problems.add("integrity_check: " + integrity);
        }
        List<String> foreignKeys = SqliteChecks.foreignKeyViolations(connection);
        if (!foreignKeys.isEmpty()) {
            problems.add("foreign_key_check: " + String.join(", ", foreignKeys.subList(0, Math.min(5, foreignKeys.size())))
                    + (foreignKeys.size() > 5 ? " and " + (foreignKeys.size() - 5) + " more" : ""));
        }
        if (!javaMigrationRan) {
            Set<String> touchedTables = touchedTables(applied);
            Map<String, Long> now = SqliteChecks.rowCounts(connection);
            for (Map.Entry<String, Long> before : rowCountsBefore.entrySet()) {
                String table = before.getKey();
                Long after = now.get(table);
                if (!touchedTables.contains(table.toLowerCase(Locale.ROOT)) && !before.getValue().equals(after)) {
                    problems.add("table " + table + " had " + before.getValue() + " rows and has " + after
                            + " though no migration touched it");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new SluiceException(Problem.VERIFY_FAILED, String.join("; ", problems));
        }
    }

    /** Lower-case names of every table the statements mention, and the history table, which the run writes. */
    private Set<String> touchedTables(List<String> applied) {
        Set<String> touched = new HashSet<>();
        touched.add(settings.text(Setting.TABLE).toLowerCase(Locale.ROOT));
        for (String statement : applied) {
            touched.addAll(SqlWords.identifiers(statement, SplitRules.SQLITE));
        }
        return touched;
    }

    @Override
    public void finish() throws SQLException {
        commit();
    }

    private void commit() throws SQLException {
        if (transactionOpen) {
            execute("COMMIT");
            transactionOpen = false;
        }
    }

    @Override
    public void abandon() throws SQLException {
        if (transactionOpen) {
            transactionOpen = false;
            execute("ROLLBACK");
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            abandon();
        } finally {
            transactionOpen = false;
            try {
                catalog.close();
            } finally {
                connection.close();
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
