package io.sluice.migrations.dialect.postgres;

import io.sluice.migrations.config.Backup;
import io.sluice.migrations.config.Setting;
import io.sluice.migrations.config.Settings;
import io.sluice.migrations.dialect.Connector;
import io.sluice.migrations.dialect.Dialect;
import io.sluice.migrations.dialect.GateSession;
import io.sluice.migrations.dialect.ScratchCopy;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.util.Redact;
import io.sluice.migrations.history.HistoryTable;
import io.sluice.migrations.plan.Finding;
import io.sluice.migrations.sql.SplitRules;
import io.sluice.migrations.sql.SqlWords;
import io.sluice.migrations.sql.StatementKind;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * PostgreSQL through pgjdbc, for fleets: the database's own advisory locks (or a lease row for
 * PgBouncer), transactional DDL, {@code pg_dump} or a built-in logical backup, and a catalog
 * check instead of row counts, because other instances keep writing during a rolling deploy.
 */
public final class PostgresDialect implements Dialect {
    static final String NAME = "postgresql";
    static final String URL_PREFIX = "jdbc:postgresql:";
    /** Defaults evaluated per row, which make ADD COLUMN rewrite the table. */
    private static final Pattern VOLATILE_DEFAULT = Pattern.compile("(?i)\\bdefault\\b.*\\b(random|clock_timestamp|"
            + "timeofday|gen_random_uuid|uuid_generate_v[14]|nextval)\\s*\\(");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "PostgreSQL";
    }

    /** {@code pg_dump}, required; {@code auto} takes it when it is installed, else the built-in logical backup. */
    @Override
    public List<String> backupMethods() {
        return Collections.singletonList(PgDump.METHOD);
    }

    @Override
    public String urlPrefix() {
        return URL_PREFIX;
    }

    /** The base of pgjdbc's simple, pooling and XA data sources. */
    @Override
    public List<String> dataSourceClasses() {
        return Collections.singletonList("org.postgresql.ds.common.BaseDataSource");
    }

    /** The history table and, with {@code lockMode=table}, its lease table. */
    @Override
    public List<String> ownTables(Settings settings) {
        String table = settings.text(Setting.TABLE);
        return Arrays.asList(table, LeaseLock.tableFor(table));
    }

    @Override
    public boolean handles(String jdbcUrl) {
        return jdbcUrl.startsWith(URL_PREFIX);
    }

    /**
     * The database name: {@code jdbc:postgresql://host:5432/shop?…} is {@code shop}. Without one,
     * pgjdbc connects to the database named after the user, so that is the name. Read by hand, not
     * with pgjdbc's {@code Driver.parseURL}: the java agent names databases in log lines before it
     * knows pgjdbc is within its reach.
     */
    @Override
    public String databaseName(String jdbcUrl, Properties connectionProperties) {
        String rest = jdbcUrl.substring(URL_PREFIX.length());
        int query = rest.indexOf('?');
        String parameters = query >= 0 ? rest.substring(query + 1) : "";
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            rest = slash < 0 ? "" : rest.substring(slash + 1);
        }
        if (!rest.isEmpty()) {
            return rest;
        }
        String user = urlParameter(parameters, "user");
        if (user == null && connectionProperties != null) {
            user = connectionProperties.getProperty("user");
        }
        return user == null || user.isEmpty() ? "postgres" : user;
    }

    private static String urlParameter(String parameters, String name) {
        for (String pair : parameters.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public SplitRules splitRules() {
        return SplitRules.POSTGRES;
    }

    @Override
    public String historyTableDdl(String table) {
        return HistoryTable.ddl(table, "BOOLEAN", "FALSE", "TIMESTAMPTZ NOT NULL DEFAULT now()");
    }

    /**
     * Statements PostgreSQL refuses inside a transaction block ("cannot run inside a transaction
     * block"), as Flyway detects them and a few more.
     */
    @Override
    public boolean cannotRunInTransaction(String sql) {
        List<String> words = SqlWords.leadingWords(sql, SplitRules.POSTGRES, 5);
        if (words.isEmpty()) {
            return false;
        }
        String second = words.size() > 1 ? words.get(1) : "";
        switch (words.get(0)) {
            case "vacuum":
                return true;
            case "reindex":
                return words.contains("concurrently") || second.equals("system") || second.equals("database");
            case "create":
            case "drop":
                return words.subList(1, Math.min(words.size(), 4)).contains("concurrently")
                        && words.contains("index") || second.equals("database") || second.equals("tablespace");
            case "alter":
                return second.equals("system");
            default:
                return false;
        }
    }

    /** SPEC §3: operations that hold heavy locks on a busy table; shown by plan and validate, logged by the gate. */
    @Override
    public List<Finding> lockHazards(StatementKind statement, int line, boolean onExistingTable) {
        List<Finding> hazards = new ArrayList<>();
        String object = statement.object();
        switch (statement.kind()) {
            case CREATE_INDEX:
                if (onExistingTable && !statement.isConcurrently()) {
                    hazards.add(warning(line, "index-without-concurrently", "CREATE INDEX " + object + " blocks writes to "
                            + statement.table() + " while it builds; use CREATE INDEX CONCURRENTLY in a -- sluice:no-transaction script"));
                }
                break;
            case SET_NOT_NULL:
                hazards.add(warning(line, "set-not-null", "SET NOT NULL on " + object + " scans the whole table under an "
                        + "exclusive lock; add a CHECK (… IS NOT NULL) NOT VALID constraint and validate it first"));
                break;
            case ADD_COLUMN:
                if (VOLATILE_DEFAULT.matcher(statement.definition()).find()) {
                    hazards.add(warning(line, "volatile-default", "ADD COLUMN " + object + " with a volatile DEFAULT rewrites "
                            + "the whole table under an exclusive lock; add the column without it and backfill in batches"));
                }
                if (onExistingTable && statement.addsForeignKey()) {
                    hazards.add(foreignKeyWarning(line, object));
                }
                break;
            case ADD_CONSTRAINT:
                if (statement.addsForeignKey() && !statement.isNotValid()) {
                    hazards.add(foreignKeyWarning(line, statement.table()));
                }
                break;
            default:
                break;
        }
        return hazards;
    }

    private static Finding foreignKeyWarning(int line, String object) {
        return warning(line, "foreign-key-without-not-valid", "a foreign key on " + object + " is validated against "
                + "every row while writes wait; add it NOT VALID, then VALIDATE CONSTRAINT in a later migration");
    }

    private static Finding warning(int line, String rule, String message) {
        return new Finding(line, Finding.Severity.WARNING, rule, message);
    }

    @Override
    public Path backupDirectory(String jdbcUrl, Settings settings) throws SluiceException {
        return backup(settings) == Backup.NONE ? null : PostgresBackups.folder(settings);
    }

    @Override
    public GateSession open(String jdbcUrl, Connector connector, Settings settings) throws SQLException {
        return new PostgresSession(jdbcUrl, connector, settings, backup(settings),
                databaseName(jdbcUrl, connector.properties()));
    }

    @Override
    public ScratchCopy scratchCopy(String jdbcUrl, Connector connector, Settings settings, String targetUrl,
                                   Path workDirectory) throws SQLException {
        if (targetUrl != null && !handles(targetUrl)) {
            throw new SluiceException(Problem.INVALID_SETTING, "the target URL " + Redact.url(targetUrl)
                    + " is not a PostgreSQL URL; name a database on the server to make the copy on (jdbc:postgresql://host/postgres)");
        }
        return PostgresScratch.copy(jdbcUrl, databaseName(jdbcUrl, connector.properties()), connector, settings,
                targetUrl, workDirectory);
    }
}
