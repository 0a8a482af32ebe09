package io.sluice.migrations.dialect;

import io.sluice.migrations.config.Backup;
import io.sluice.migrations.config.Setting;
import io.sluice.migrations.config.Settings;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.plan.Finding;
import io.sluice.migrations.sql.SplitRules;
import io.sluice.migrations.sql.StatementKind;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

/**
 * What differs between databases, as a few narrow hooks. Everything else (resolving, planning,
 * history, the order of the gate's steps) is shared and lives outside the dialect classes.
 */
public interface Dialect {
    /** {@code sqlite} or {@code postgresql}: the {@code db} metric tag and the name in messages. */
    String name();

    /** {@code SQLite} or {@code PostgreSQL}: the database as messages name it. */
    String displayName();

    /** The start of the delegate URLs this dialect serves: {@code jdbc:sqlite:}. */
    String urlPrefix();

    /** Whether this dialect serves a delegate URL ({@code jdbc:sqlite:…}). */
    boolean handles(String jdbcUrl);

    /**
     * The vendor's {@code DataSource} classes, by name, whose subclasses hand out connections
     * without a {@code Driver#connect} the java agent sees, or with a URL only they know.
     */
    List<String> dataSourceClasses();

    /** The tables Sluice itself keeps in the database, with these settings: not the application's schema. */
    List<String> ownTables(Settings settings);

    /** The schema to pass to JDBC's {@code DatabaseMetaData} lookups for {@code schema}: the same by default. */
    default String metadataSchema(String schema) {
        return schema;
    }

    /**
     * The database's short name, the {@code <stem>} of backup files, log lines and the
     * {@code database} tag: the SQLite file name without extension, the PostgreSQL database name.
     * Never a path or credentials.
     *
     * @param connectionProperties the app's connection properties: a PostgreSQL URL without a
     *                             database name connects to the database named after the user
     */
    String databaseName(String jdbcUrl, Properties connectionProperties);

    SplitRules splitRules();

    /**
     * This database's own backup methods as {@code sluice.backup} names them ({@code sqlite-online},
     * {@code pg_dump}), besides {@code auto} and {@code none}, which every database has.
     */
    List<String> backupMethods();

    /**
     * {@code sluice.backup} as this database reads it: {@link Backup#METHOD} is one of
     * {@link #backupMethods()}, and another database's method is refused naming this one's.
     */
    default Backup backup(Settings settings) throws SluiceException {
        Backup backup = settings.choice(Setting.BACKUP, Backup.class);
        String method = settings.text(Setting.BACKUP);
        if (backup == Backup.METHOD && !backupMethods().contains(method)) {
            throw new SluiceException(Problem.INVALID_SETTING, Setting.BACKUP.property() + "=" + method
                    + " does not apply to " + displayName() + "; use auto, " + String.join(", ", backupMethods())
                    + " or none");
        }
        return backup;
    }

    /**
     * The folder this database's backups go to, from its URL and settings alone (nothing created,
     * nothing connected); null when it takes none ({@code backup=none}, an in-memory database). The
     * gate keeps its script fingerprints there.
     */
    Path backupDirectory(String jdbcUrl, Settings settings) throws SluiceException;

    /**
     * Refuses a database this dialect cannot gate faithfully with these settings, before anything
     * is read or written (SQLite: an in-memory database, a table name SQLite reserves).
     *
     * @throws SluiceException {@code INVALID_SETTING} saying what to change
     */
    default void check(String jdbcUrl, Settings settings) throws SluiceException {
    }

    /** The {@code CREATE TABLE} of the history table, with this database's boolean and time types. */
    String historyTableDdl(String table);

    /** Lock-hazard warnings for a statement (PostgreSQL); none by default. */
    default List<Finding> lockHazards(StatementKind statement, int line, boolean onExistingTable) {
        return Collections.emptyList();
    }

    /**
     * Whether the database refuses to run this statement inside a transaction block (PostgreSQL
     * {@code CREATE INDEX CONCURRENTLY}, SQLite {@code VACUUM}): a script made only of such
     * statements runs outside a transaction, as Flyway runs it.
     */
    default boolean cannotRunInTransaction(String sql) {
        return false;
    }

    /**
     * Refuses, naming it, a database that does not exist yet: commands that only read must not
     * create one by connecting. Only SQLite creates a database on connect, so by default nothing.
     */
    default void requireExisting(String jdbcUrl) throws SluiceException {
    }

    /**
     * Opens the gate's session on this database. Fails (as {@link SQLException}) when the database
     * cannot be reached or a setting does not fit this database; takes no lock yet.
     */
    GateSession open(String jdbcUrl, Connector connector, Settings settings) throws SQLException;

    /**
     * A throw-away copy of the database for {@code rehearse}, made by reading it only (SQLite: a
     * verified copy of the file; PostgreSQL: a scratch database on the same server, or on
     * {@code targetUrl}'s, restored from a fresh dump).
     *
     * @param targetUrl     where to make the copy instead, or null; a dialect that cannot use one refuses it
     * @param workDirectory an empty folder the caller deletes afterwards, for files the copy needs
     */
    ScratchCopy scratchCopy(String jdbcUrl, Connector connector, Settings settings, String targetUrl,
                            Path workDirectory) throws SQLException;
}
