package io.sluice.migrations.dialect.postgres;

import io.sluice.migrations.config.Setting;
import io.sluice.migrations.dialect.SessionLock;
import io.sluice.migrations.dialect.Connector;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A session-level advisory lock, polled with {@code pg_try_advisory_lock} on a dedicated
 * autocommit connection. Never a blocking {@code pg_advisory_lock} inside a transaction: a waiter
 * holding a transaction open deadlocks with the holder's {@code CREATE INDEX CONCURRENTLY}, which
 * waits for every older transaction to finish. The server drops the lock with the session, so a
 * killed holder never leaves it behind.
 */
final class AdvisoryLock implements MigrationLock {
    private static final System.Logger LOG = System.getLogger("io.sluice");
    private static final long FIRST_PAUSE_MILLIS = 50;
    private static final long LONGEST_PAUSE_MILLIS = 1_000;

    private final Connector connector;
    private final long key;
    private final Duration timeout;
    private final String database;
    private Connection connection;
    private boolean held;
    private int holderPid;

    AdvisoryLock(Connector connector, long key, Duration timeout, String database) {
        this.connector = connector;
        this.key = key;
        this.timeout = timeout;
        this.database = database;
    }

    @Override
    public boolean acquire(SessionLock.WhileWaiting whileWaiting) throws SQLException {
        connection = connector.connect(LockOwner.connectionProperties("lock"));
        connection.setAutoCommit(true);
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (!tryLock()) {
            if (whileWaiting.upToDate()) {
                return false;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SluiceException(Problem.LOCK_TIMEOUT, "Timed out after " + timeout
                        + " waiting for the migration lock" + holder() + "; the next connect tries again; raise "
                        + Setting.LOCK_TIMEOUT.property() + " to wait longer");
            }
            sleep(Math.min(pause, Duration.ofNanos(left).toMillis() + 1));
            pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
        }
        held = true;
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_backend_pid()");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            holderPid = rs.getInt(1);
        }
        return true;
    }

    /**
     * Two checks in the migration's transaction: the lock session is still alive and holds the lock
     * (an idle-session timeout or {@code pg_terminate_backend} ends both), and this transaction takes
     * a transaction-level try-lock on a second key, held until it commits, so two migration
     * transactions of one database never overlap even when a lost lock let a second holder in.
     */
    @Override
    public void fence(Connection migration) throws SQLException {
        String sql = "SELECT pg_try_advisory_xact_lock(?), EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' "
                + "AND granted AND pid = ? AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 1)";
        try (PreparedStatement statement = migration.prepareStatement(sql)) {
            statement.setLong(1, ~key);
            statement.setInt(2, holderPid);
            statement.setLong(3, key >>> 32);
            statement.setLong(4, key & 0xFFFFFFFFL);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1) || !rs.getBoolean(2)) {
                    throw new SluiceException(Problem.LOCK_LOST, "Lost the migration lock: its session (pid " + holderPid
                            + ") ended or another instance is migrating; nothing of this migration was committed; "
                            + "the next connect tries again");
                }
            }
        }
    }

    private boolean tryLock() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** " (held by pid 123, sluice lock host=web-2 pid=77, since …)", or "" when it cannot tell. */
    private String holder() {
        String sql = "SELECT a.pid, a.application_name, a.client_addr, a.backend_start FROM pg_locks l "
                + "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
                + "AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 1";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, key >>> 32);
            statement.setLong(2, key & 0xFFFFFFFFL);
            try (ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    return " (held by pid " + rs.getInt(1) + ", " + rs.getString(2) + ", client "
                            + rs.getString(3) + ", since " + rs.getString(4) + ")";
                }
            }
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.DEBUG, database + ": cannot tell who holds the lock: " + e.getMessage());
        }
        return "";
    }

    private static void sleep(long millis) throws SQLException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException(Problem.LOCK_TIMEOUT, "interrupted while waiting for the migration lock", e);
        }
    }

    @Override
    public void release() {
        if (connection == null) {
            return;
        }
        try {
            if (held) {
                try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    statement.setLong(1, key);
                    try (ResultSet rs = statement.executeQuery()) {
                        if (rs.next() && !rs.getBoolean(1)) {
                            LOG.log(System.Logger.Level.WARNING, database + ": the migration lock was not held at release");
                        }
                    }
                }
            }
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, database + ": releasing the migration lock failed (closing its "
                    + "session releases it): " + e.getMessage());
        } finally {
            held = false;
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the server drops a session's advisory locks when the session ends
            }
            connection = null;
        }
    }
}
