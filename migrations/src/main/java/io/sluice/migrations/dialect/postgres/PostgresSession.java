package io.sluice.migrations.dialect.postgres;

import io.sluice.migrations.backup.BackupFiles;
import io.sluice.migrations.config.Backup;
import io.sluice.migrations.config.LockMode;
import io.sluice.migrations.config.Setting;
import io.sluice.migrations.config.Settings;
import io.sluice.migrations.dialect.BackupProgress;
import io.sluice.migrations.dialect.Connector;
import io.sluice.migrations.dialect.GateSession;
import io.sluice.migrations.dialect.HeldLock;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.error.SqlState;
import io.sluice.migrations.plan.CatalogSnapshot;
import io.sluice.migrations.plan.CatalogView;
import io.sluice.migrations.plan.TableShape;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The gate on PostgreSQL. The lock lives on its own connection; migrations run on the gate's
 * connection, each in its own transaction with its history row, under a lock timeout so a DDL
 * blocked by a busy table fails (and is retried on the next start) instead of hanging the fleet.
 */
final class PostgresSession implements GateSession {
    /** The columns of the relation a parameter names, folded as the history's own statements fold the name. */
    private static final String COLUMNS_OF = columnsQuery("?");
    /** The columns of the table a parameter names in the connection's current schema. */
    private static final String COLUMNS_IN_CURRENT_SCHEMA =
            columnsQuery("'\"' || replace(current_schema(), '\"', '\"\"') || '\".' || ?");

    private final Settings settings;
    private final Connection connection;
    private final String historyTable;
    private final String schema;
    private final MigrationLock lock;
    private final PostgresBackups backups;
    private boolean migrationTransactional;
    /**
     * The history table's columns as the set-up read them, for the first question about them (the
     * unlocked read's, a round trip fewer); forgotten once asked or once the lock is taken, as
     * another instance may create the table meanwhile.
     */
    private Set<String> historyColumnsAtSetUp;

    PostgresSession(String jdbcUrl, Connector connector, Settings settings, Backup backup, String database)
            throws SQLException {
        this.settings = settings;
        this.connection = connector.connect(LockOwner.connectionProperties("gate"));
        this.historyTable = settings.text(Setting.TABLE);
        try {
            schema = setUp();
            lock = settings.choice(Setting.LOCK_MODE, LockMode.class) == LockMode.TABLE
                    ? new LeaseLock(connector, LeaseLock.tableFor(historyTable), settings.duration(Setting.LOCK_TIMEOUT),
                    database)
                    : new AdvisoryLock(connector, lockKey(schema, historyTable), settings.duration(Setting.LOCK_TIMEOUT),
                    database);
            backups = new PostgresBackups(jdbcUrl, connector, connection, settings, backup, database, schema);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * The session's set-up in one round trip, as every start pays it: the schema the gate works in,
     * its timeouts ({@code set_config(…, false)} is {@code SET} for the session) and the history
     * table's columns in that schema.
     */
    private String setUp() throws SQLException {
        long lockMillis = Math.min(settings.duration(Setting.LOCK_TIMEOUT).toMillis(), Integer.MAX_VALUE);
        long statementMillis = Math.min(settings.duration(Setting.GATE_TIMEOUT).toMillis(), Integer.MAX_VALUE);
        try (PreparedStatement statement = connection.prepareStatement("SELECT current_schema(), "
                + "set_config('lock_timeout', ?, false), set_config('statement_timeout', ?, false), ARRAY("
                + COLUMNS_IN_CURRENT_SCHEMA + ")")) {
            statement.setString(1, Long.toString(lockMillis));
            statement.setString(2, Long.toString(statementMillis));
            statement.setString(3, historyTable);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                String schema = rs.getString(1);
                if (schema == null) {
                    throw new SluiceException(Problem.INVALID_SETTING, "the connection has no current schema (empty "
                            + "search_path); set currentSchema in the URL");
                }
                historyColumnsAtSetUp = lowerCase((String[]) rs.getArray(4).getArray());
                return schema;
            }
        }
    }

    private static String columnsQuery(String relation) {
        return "SELECT attname::text FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass(" + relation
                + ") AND attnum > 0 AND NOT attisdropped ORDER BY attnum";
    }

    private static Set<String> lowerCase(String[] names) {
        Set<String> columns = new LinkedHashSet<>();
        for (String name : names) {
            columns.add(name.toLowerCase(Locale.ROOT));
        }
        return columns;
    }

    /** One advisory lock key per schema and history table: two apps in two schemas do not wait for each other. */
    static long lockKey(String schema, String table) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("sluice:" + schema + "." + table).getBytes(StandardCharsets.UTF_8));
            long key = 0;
            for (int i = 0; i < 8; i++) {
                key = (key << 8) | (digest[i] & 0xFF);
            }
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public String schema() {
        return schema;
    }

    /**
     * One light query: {@code to_regclass} resolves the name as the history's own statements
     * write it (schema-qualified, the table unquoted and so folded), null when there is none.
     */
    @Override
    public Set<String> columnsOf(String table) throws SQLException {
        Set<String> atSetUp = historyColumnsAtSetUp;
        historyColumnsAtSetUp = null;
        if (atSetUp != null && table.equals(historyTable)) {
            return atSetUp;
        }
        Set<String> columns = new LinkedHashSet<>();
        try (PreparedStatement query = connection.prepareStatement(COLUMNS_OF)) {
            query.setString(1, '"' + schema.replace("\"", "\"\"") + "\"." + table);
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
        return new PostgresSchema(connection, schema).read();
    }

    @Override
    public CatalogView liveCatalog() {
        return new PostgresSchema(connection, schema).live();
    }

    @Override
    public TableShape probeTable(String definition) throws SQLException {
        return new PostgresSchema(connection, schema).probe(definition);
    }

    @Override
    public CatalogSnapshot scratchCatalog(List<String> statements) throws SQLException {
        return new PostgresSchema(connection, schema).scratch(statements);
    }

    @Override
    public boolean lock(WhileWaiting whileWaiting) throws SQLException {
        historyColumnsAtSetUp = null;
        return lock.acquire(whileWaiting);
    }

    @Override
    public Path backup(String reason, BackupProgress progress) throws SQLException {
        return backups.write(reason, progress);
    }

    @Override
    public void checkRestorable(Path backup, boolean otherDatabase) throws SQLException {
        backups.checkRestorable(backup, otherDatabase);
    }

    @Override
    public void restore(Path backup) throws SQLException {
        try {
            backups.restore(backup);
        } catch (IOException e) {
            throw new SQLException("cannot restore " + backup + ": " + e.getMessage(), e);
        }
    }


    @Override
    public BackupFiles backupFiles() {
        return backups.files();
    }

    @Override
    public void beginMigration(boolean transactional) throws SQLException {
        migrationTransactional = transactional;
        connection.setAutoCommit(!transactional);
        lock.fence(connection);
    }

    @Override
    public void commitMigration() throws SQLException {
        if (migrationTransactional) {
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    @Override
    public String rollbackMigration() throws SQLException {
        if (migrationTransactional) {
            connection.rollback();
            connection.setAutoCommit(true);
            return "it was rolled back";
        }
        // Restoring the whole database here would also undo what other instances wrote since the
        // backup, so a failed no-transaction script is left for the operator.
        return "it ran outside a transaction, so its completed statements stay; restore the backup with the "
                + "command-line tool if they must go";
    }

    @Override
    public boolean isLockTimeout(SQLException failure) {
        return SqlState.LOCK_NOT_AVAILABLE.isStateOf(failure);
    }

    @Override
    public void verifyMigration(List<String> applied) throws SQLException {
        List<String> missing = new PostgresCatalog(connection, schema).missing(applied);
        if (!missing.isEmpty()) {
            throw new SluiceException(Problem.VERIFY_FAILED, "after its statements, the catalog lacks " + String.join(", ", missing));
        }
    }

    /** Each migration was checked by {@link #verifyMigration} before its commit; rows are other instances' business. */
    @Override
    public void verify(List<String> applied, boolean javaMigrationRan) {
    }

    /**
     * Read on the gate's own connection, inside the migration's transaction: only there does a
     * table created by it have a name (another session would see a bare OID). The query's own
     * locks are on catalogs, which are left out; a dropped table has no name left and shows its OID.
     * Inside a savepoint, so a failure of this read cannot abort the migration.
     */
    @Override
    public List<HeldLock> heldLocks() {
        List<HeldLock> locks = new ArrayList<>();
        try {
            Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT coalesce(c.relname, 'oid ' || l.relation::text), l.mode "
                         + "FROM pg_locks l LEFT JOIN pg_class c ON c.oid = l.relation "
                         + "LEFT JOIN pg_namespace n ON n.oid = c.relnamespace WHERE l.pid = pg_backend_pid() "
                         + "AND l.locktype = 'relation' AND l.granted AND l.database = (SELECT oid FROM pg_database "
                         + "WHERE datname = current_database()) AND (n.nspname IS NULL OR n.nspname NOT IN "
                         + "('pg_catalog', 'pg_toast', 'information_schema')) ORDER BY 1, 2")) {
                while (rs.next()) {
                    locks.add(new HeldLock(rs.getString(1), rs.getString(2)));
                }
            } catch (SQLException e) {
                if (savepoint != null) {
                    connection.rollback(savepoint);
                    savepoint = null;
                }
            }
            if (savepoint != null) {
                connection.releaseSavepoint(savepoint);
            }
        } catch (SQLException e) {
            locks.clear();
        }
        return locks;
    }

    @Override
    public void finish() throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    @Override
    public void abandon() throws SQLException {
        if (!connection.isClosed() && !connection.getAutoCommit()) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            abandon();
        } finally {
            try {
                lock.release();
            } finally {
                connection.close();
            }
        }
    }
}
