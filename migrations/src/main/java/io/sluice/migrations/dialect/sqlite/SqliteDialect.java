package io.sluice.migrations.dialect.sqlite;

import io.sluice.migrations.config.Backup;
import io.sluice.migrations.config.Setting;
import io.sluice.migrations.config.Settings;
import io.sluice.migrations.dialect.Connector;
import io.sluice.migrations.dialect.Dialect;
import io.sluice.migrations.dialect.GateSession;
import io.sluice.migrations.dialect.ScratchCopy;
import io.sluice.migrations.history.HistoryTable;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.sql.SplitRules;
import io.sluice.migrations.sql.SqlWords;
import io.sluice.migrations.util.Redact;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/** SQLite through sqlite-jdbc: the write lock, the online backup API, integrity and row-count checks. */
public final class SqliteDialect implements Dialect {
    static final String NAME = "sqlite";
    static final String URL_PREFIX = "jdbc:sqlite:";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "SQLite";
    }

    /** SQLite's online backup API, which is also what {@code auto} takes. */
    @Override
    public List<String> backupMethods() {
        return Collections.singletonList("sqlite-online");
    }

    @Override
    public String urlPrefix() {
        return URL_PREFIX;
    }

    @Override
    public List<String> dataSourceClasses() {
        return Collections.singletonList("org.sqlite.SQLiteDataSource");
    }

    @Override
    public List<String> ownTables(Settings settings) {
        return Collections.singletonList(settings.text(Setting.TABLE));
    }

    /** sqlite-jdbc's metadata knows no schemas; {@code main} is found by none. */
    @Override
    public String metadataSchema(String schema) {
        return "main".equals(schema) ? null : schema;
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

    /**
     * {@code VACUUM} fails inside a transaction, and {@code PRAGMA foreign_keys} is silently ignored
     * in one (Flyway runs it outside one too), as is a change of {@code journal_mode} to WAL.
     */
    @Override
    public boolean cannotRunInTransaction(String sql) {
        List<String> words = SqlWords.leadingWords(sql, SplitRules.SQLITE, 2);
        if (words.isEmpty()) {
            return false;
        }
        if (words.get(0).equals("vacuum")) {
            return true;
        }
        return words.get(0).equals("pragma") && words.size() > 1
                && (words.get(1).equals("foreign_keys") || words.get(1).equals("journal_mode"));
    }

    /**
     * SPEC §4: every connection to an in-memory database opens a new, empty one (a shared-cache one
     * lives only while a connection stays open, and none does between the gate and the app's
     * first connection), so the database Sluice migrated would never be the one the application
     * sees. And SQLite reserves {@code sqlite_*} names for its own tables.
     */
    @Override
    public void check(String jdbcUrl, Settings settings) throws SluiceException {
        if (isInMemory(jdbcUrl)) {
            throw new SluiceException(Problem.INVALID_SETTING, Redact.url(jdbcUrl) + " is an in-memory database: each "
                    + "connection to it is a new, empty database, so the one Sluice migrated would be gone before the "
                    + "application connects; use a database file (jdbc:sluice:sqlite:/path/to/app.db), or set "
                    + Setting.ENABLED.property() + "=false");
        }
        String table = settings.text(Setting.TABLE);
        if (table.toLowerCase(Locale.ROOT).startsWith("sqlite_")) {
            throw new SluiceException(Problem.INVALID_SETTING, Setting.TABLE.property() + "=" + table + " is a name "
                    + "SQLite reserves for its own tables; name a table that does not exist yet, or leave the setting unset");
        }
    }

    @Override
    public Path backupDirectory(String jdbcUrl, Settings settings) throws SluiceException {
        Path file = databaseFile(jdbcUrl);
        return backup(settings) == Backup.NONE || file == null ? null : backupDirectory(file, settings);
    }

    @Override
    public GateSession open(String jdbcUrl, Connector connector, Settings settings) throws SQLException {
        Backup method = backup(settings);
        Path file = databaseFile(jdbcUrl);
        SqliteBackup backup = method == Backup.NONE || file == null ? null
                : new SqliteBackup(connector, file, backupDirectory(file, settings), databaseName(jdbcUrl, null), settings);
        return new SqliteSession(connector, settings, file, backup);
    }

    @Override
    public ScratchCopy scratchCopy(String jdbcUrl, Connector connector, Settings settings, String targetUrl,
                                   Path workDirectory) throws SQLException {
        if (targetUrl != null) {
            throw new SluiceException(Problem.INVALID_SETTING, "a target URL applies to PostgreSQL only: a SQLite "
                    + "database is copied into a temporary folder; leave the target out");
        }
        Path file = databaseFile(jdbcUrl);
        if (file == null) {
            throw new SluiceException(Problem.INVALID_SETTING, Redact.url(jdbcUrl) + " is not a database file; "
                    + "there is nothing to copy");
        }
        return SqliteScratch.copy(connector, file, workDirectory);
    }

    @Override
    public void requireExisting(String jdbcUrl) throws SluiceException {
        Path file = databaseFile(jdbcUrl);
        if (file != null && !Files.isRegularFile(file)) {
            throw new SluiceException(Problem.UNREACHABLE, "No SQLite database at " + file.toAbsolutePath()
                    + "; this command only reads and never creates one (migrate does); check the path in the URL");
        }
    }

    private static Path backupDirectory(Path databaseFile, Settings settings) {
        String configured = settings.text(Setting.BACKUP_DIR);
        if (configured != null) {
            return Paths.get(configured);
        }
        Path parent = databaseFile.toAbsolutePath().getParent();
        return parent.resolve("backups");
    }

    /** The database file of a URL, or null for an in-memory or resource database. */
    static Path databaseFile(String jdbcUrl) {
        String location = location(jdbcUrl);
        if (isInMemory(jdbcUrl) || location.startsWith(":resource:")) {
            return null;
        }
        return Paths.get(location);
    }

    /** {@code jdbc:sqlite:}, {@code jdbc:sqlite::memory:}, {@code file::memory:?cache=shared}, {@code ?mode=memory}. */
    static boolean isInMemory(String jdbcUrl) {
        String location = location(jdbcUrl);
        int query = jdbcUrl.indexOf('?');
        return location.isEmpty() || location.equals(":memory:") || query >= 0 && jdbcUrl.indexOf("mode=memory", query) > 0;
    }

    /** The file part of a URL: {@code jdbc:sqlite:file:/data/app.db?cache=shared} is {@code /data/app.db}. */
    private static String location(String jdbcUrl) {
        String rest = jdbcUrl.substring(URL_PREFIX.length());
        int query = rest.indexOf('?');
        String location = query < 0 ? rest : rest.substring(0, query);
        if (location.startsWith("file:")) {
            location = location.substring("file:".length());
            if (location.startsWith("//")) {
                location = location.substring(2);
            }
        }
        return location;
    }
}
