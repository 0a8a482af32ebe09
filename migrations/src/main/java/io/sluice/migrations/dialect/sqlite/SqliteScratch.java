package io.sluice.migrations.dialect.sqlite;

import io.sluice.migrations.dialect.Connector;
import io.sluice.migrations.dialect.ScratchCopy;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A copy of a SQLite database in a scratch folder, by the online backup API on a read-only
 * connection: other connections go on reading and writing the original, which is never written.
 * Verified like a backup: {@code integrity_check} and the row counts the original had in the
 * same read transaction the copy was taken in.
 */
final class SqliteScratch implements ScratchCopy {
    private final Path file;

    private SqliteScratch(Path file) {
        this.file = file;
    }

    static SqliteScratch copy(Connector connector, Path original, Path folder) throws SQLException {
        if (!Files.isRegularFile(original)) {
            throw new SluiceException(Problem.UNREACHABLE, "No SQLite database at " + original.toAbsolutePath()
                    + "; there is nothing to rehearse on; check the path in the URL");
        }
        Path file = folder.resolve(original.getFileName());
        SqliteScratch copy = new SqliteScratch(file);
        try {
            Map<String, Long> counts;
            try (Connection source = connector.connectTo(SqliteDialect.URL_PREFIX + original.toAbsolutePath() + "?open_mode=1")) {
                source.setAutoCommit(false); // one read transaction: the counts and the copy see the same state
                counts = SqliteChecks.rowCounts(source);
                try (Statement statement = source.createStatement()) {
                    statement.executeUpdate("backup to '" + file.toAbsolutePath().toString().replace("'", "''") + "'");
                }
                source.rollback();
            }
            try (Connection check = connector.connectTo(copy.jdbcUrl())) {
                String integrity = SqliteChecks.integrity(check);
                if (!integrity.equals("ok")) {
                    throw new SQLException("the copy fails integrity_check: " + integrity);
                }
                Map<String, Long> copied = SqliteChecks.rowCounts(check);
                if (!copied.equals(counts)) {
                    throw new SQLException("the copy's row counts " + copied + " differ from the database's " + counts);
                }
            }
            return copy;
        } catch (SQLException | RuntimeException e) {
            try {
                copy.close();
            } catch (SQLException secondary) {
                e.addSuppressed(secondary);
            }
            throw e instanceof SluiceException ? (SluiceException) e : new SluiceException(Problem.BACKUP_FAILED,
                    "Cannot make a verified copy of " + original + " to rehearse on: " + e.getMessage()
                            + "; nothing was changed", e);
        }
    }

    @Override
    public String jdbcUrl() {
        return SqliteDialect.URL_PREFIX + file.toAbsolutePath();
    }

    @Override
    public String location() {
        return file.toAbsolutePath().toString();
    }

    @Override
    public String method() {
        return "SQLite online backup, verified (integrity_check, row counts)";
    }

    @Override
    public boolean isGone() {
        return !Files.exists(file);
    }

    @Override
    public void close() throws SQLException {
        try {
            for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            }
        } catch (IOException e) {
            throw new SQLException("cannot delete the rehearsal copy " + file + ": " + e.getMessage(), e);
        }
    }
}
