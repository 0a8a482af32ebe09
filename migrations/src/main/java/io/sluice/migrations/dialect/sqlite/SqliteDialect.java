package io.sluice.migrations.dialect.sqlite;

import io.sluice.migrations.config.Setting;
import io.sluice.migrations.config.Settings;
import io.sluice.migrations.dialect.Connector;
import io.sluice.migrations.dialect.Dialect;
import io.sluice.migrations.dialect.GateSession;
import io.sluice.migrations.history.HistoryTable;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.sql.SplitRules;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.Properties;

/** SQLite through sqlite-jdbc: the write lock, the online backup API, integrity and row-count checks. */
public final class SqliteDialect implements Dialect {
    static final String URL_PREFIX = "jdbc:sqlite:";

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public boolean handles(String jdbcUrl) {
        return jdbcUrl.startsWith(URL_PREFIX);
    }

    @Override
    public String databaseName(String jdbcUrl, Properties connectionProperties) {
        Path file = databaseFile(jdbcUrl);
        if (file == null || file.getFileName() == null) {
            return "memory";
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    @Override
    public SplitRules splitRules() {
        return SplitRules.SQLITE;
    }

    @Override
    public String historyTableDdl(String table) {
        return HistoryTable.ddl(table, "INTEGER", "0", "TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
    }

    @Override
    public GateSession open(String jdbcUrl, Connector connector, Settings settings) throws SQLException {
        String method = settings.text(Setting.BACKUP);
        if (!method.equals("auto") && !method.equals("none") && !method.equals("sqlite-online")) {
            throw new SluiceException(Problem.INVALID_SETTING, Setting.BACKUP.property() + "=" + method
                    + " does not apply to SQLite; use auto, sqlite-online or none");
        }
        Path file = databaseFile(jdbcUrl);
        SqliteBackup backup = method.equals("none") || file == null ? null
                : new SqliteBackup(connector, file, backupDirectory(file, settings), databaseName(jdbcUrl, null), settings);
        return new SqliteSession(connector, settings, file, backup);
    }

    private static Path backupDirectory(Path databaseFile, Settings settings) {
        String configured = settings.text(Setting.BACKUP_DIR);
        if (configured != null) {
            return Paths.get(configured);
        }
        Path parent = databaseFile.toAbsolutePath().getParent();
        return parent.resolve("backups");
    }

    /** The database file of a URL, or null for an in-memory database. */
    static Path databaseFile(String jdbcUrl) {
        String rest = jdbcUrl.substring(URL_PREFIX.length());
        int query = rest.indexOf('?');
        String parameters = query < 0 ? "" : rest.substring(query + 1);
        String location = query < 0 ? rest : rest.substring(0, query);
        if (location.startsWith("file:")) {
            location = location.substring("file:".length());
            if (location.startsWith("//")) {
                location = location.substring(2);
            }
        }
        if (location.isEmpty() || location.equals(":memory:") || location.startsWith(":resource:")
                || parameters.contains("mode=memory")) {
            return null;
        }
        return Paths.get(location);
    }
}
