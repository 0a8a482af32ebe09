package io.sluice.migrations.dialect.postgres;

import io.sluice.migrations.config.Setting;
import io.sluice.migrations.dialect.Connector;
import io.sluice.migrations.dialect.SessionLock;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.error.SqlState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code lockMode=table}: a lease row for PgBouncer in transaction mode, where session locks do
 * not survive between statements. Every statement is its own transaction. The holder renews the
 * lease in the background; a holder that dies stops renewing, and its lease runs out after
 * {@link #LEASE}, so a killed process never leaves the fleet locked for longer than that.
 */
final class LeaseLock implements MigrationLock {
    static final Duration LEASE = Duration.ofSeconds(15);
    private static final long TAKE_WAIT_MILLIS = 200;
    private static final System.Logger LOG = System.getLogger("io.sluice");

    private final Connector connector;
    private final String table;
    private final Duration timeout;
    private final String database;
    private final String owner = LockOwner.describe("lease") + " " + UUID.randomUUID().toString().substring(0, 8);
    private Connection connection;
    private ScheduledExecutorService renewer;

    /** The lease table beside a history table: {@code <history table>_lock}. */
    static String tableFor(String historyTable) {
        return historyTable + "_lock";
    }

    /**
     * @param table the lease table, {@code <history table>_lock}, validated as an identifier
     */
    LeaseLock(Connector connector, String table, Duration timeout, String database) {
        this.connector = connector;
        this.table = table;
        this.timeout = timeout;
        this.database = database;
    }

    @Override
    public boolean acquire(SessionLock.WhileWaiting whileWaiting) throws SQLException {
        connection = connector.connect(LockOwner.connectionProperties("lease"));
        connection.setAutoCommit(true);
        createTable();
        setLockTimeout(TAKE_WAIT_MILLIS);
        long deadline = System.nanoTime() + timeout.toNanos();
        String holder;
        while ((holder = tryTake()) != null) {
            if (whileWaiting.upToDate()) {
                return false;
            }
            if (System.nanoTime() > deadline) {
                throw new SluiceException(Problem.LOCK_TIMEOUT, "Timed out after " + timeout + " waiting for the "
                        + "migration lease in " + table + " (held by " + holder + "); the next connect tries again; raise "
                        + Setting.LOCK_TIMEOUT.property() + " to wait longer");
            }
            pause();
        }
        setLockTimeout(0); // renewing waits for this holder's own migration transaction, which locks the row
        renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sluice-lease-" + database);
            thread.setDaemon(true);
            return thread;
        });
        long every = LEASE.toMillis() / 3;
        renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        return true;
    }

    private void createTable() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + table
                    + " (id INTEGER PRIMARY KEY, owner VARCHAR(200) NOT NULL, expires_at TIMESTAMPTZ NOT NULL)");
        } catch (SQLException raced) {
            // two instances creating the table at once: one wins, the other sees a duplicate type
            if (!SqlState.UNIQUE_VIOLATION.isStateOf(raced) && !SqlState.DUPLICATE_TABLE.isStateOf(raced)) {
                throw raced;
            }
        }
    }

    private void setLockTimeout(long millis) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET lock_timeout = " + millis);
        }
    }

    /**
     * Takes the lease if it is free or expired; returns null when taken, else who holds it. A
     * holder's migration transaction keeps the row locked (its fence), so taking waits only briefly
     * and then counts the lease as held.
     */
    private String tryTake() throws SQLException {
        String sql = "INSERT INTO " + table + " AS held (id, owner, expires_at) "
                + "VALUES (1, ?, clock_timestamp() + make_interval(secs => ?)) "
                + "ON CONFLICT (id) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at "
                + "WHERE held.expires_at < clock_timestamp() RETURNING owner";
        try (PreparedStatement take = connection.prepareStatement(sql)) {
            take.setString(1, owner);
            take.setLong(2, LEASE.getSeconds());
            try (ResultSet rs = take.executeQuery()) {
                if (rs.next()) {
                    return null;
                }
            }
        } catch (SQLException busy) {
            if (!SqlState.LOCK_NOT_AVAILABLE.isStateOf(busy)) {
                throw busy;
            }
        }
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT owner, expires_at FROM " + table + " WHERE id = 1")) {
            return rs.next() ? rs.getString(1) + " until " + rs.getString(2) : "nobody";
        }
    }

    /**
     * Renews the lease in the migration's own transaction, only if this holder still has it. The
     * updated row stays locked until the migration commits, so no other instance can take the lease
     * in between, however long this one is paused.
     */
    @Override
    public void fence(Connection migration) throws SQLException {
        try (PreparedStatement statement = migration.prepareStatement("UPDATE " + table + " SET expires_at = "
                + "clock_timestamp() + make_interval(secs => ?) WHERE id = 1 AND owner = ? AND expires_at > clock_timestamp()")) {
            statement.setLong(1, LEASE.getSeconds());
            statement.setString(2, owner);
            if (statement.executeUpdate() == 0) {
                throw new SluiceException(Problem.LOCK_LOST, "Lost the migration lease in " + table + " (it ran out, "
                        + "perhaps while this process was paused, and another instance may hold it now); nothing of this "
                        + "migration was committed; the next connect tries again");
            }
        }
    }

    private synchronized void renew() {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE " + table
                + " SET expires_at = clock_timestamp() + make_interval(secs => ?) WHERE id = 1 AND owner = ?")) {
            statement.setLong(1, LEASE.getSeconds());
            statement.setString(2, owner);
            if (statement.executeUpdate() == 0) {
                LOG.log(System.Logger.Level.ERROR, database + ": lost the migration lease in " + table);
            }
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, database + ": cannot renew the migration lease: " + e.getMessage());
        }
    }

    private void pause() throws SQLException {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException(Problem.LOCK_TIMEOUT, "interrupted while waiting for the migration lease", e);
        }
    }

    @Override
    public synchronized void release() {
        if (renewer != null) {
            renewer.shutdownNow();
            renewer = null;
        }
        if (connection == null) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + table + " WHERE id = 1 AND owner = ?")) {
            statement.setString(1, owner);
            statement.executeUpdate();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, database + ": cannot end the migration lease (it expires by itself in "
                    + LEASE + "): " + e.getMessage());
        } finally {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the lease expires by itself
            }
            connection = null;
        }
    }
}
