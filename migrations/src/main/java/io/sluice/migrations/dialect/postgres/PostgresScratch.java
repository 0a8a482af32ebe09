package io.sluice.migrations.dialect.postgres;

import io.sluice.migrations.config.Setting;
import io.sluice.migrations.config.Settings;
import io.sluice.migrations.dialect.Connector;
import io.sluice.migrations.dialect.ScratchCopy;
import io.sluice.migrations.error.Problem;
import io.sluice.migrations.error.SluiceException;
import io.sluice.migrations.util.Redact;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A scratch database for {@code rehearse}: created empty (from {@code template0}) on the same server
 * or the target's, and filled from a fresh dump of the gate's schema, by {@code pg_dump} and
 * {@code pg_restore} when they are installed, else by the built-in logical backup. The original
 * is only read (pg_dump's and the logical backup's share locks). Dropped on close.
 */
final class PostgresScratch implements ScratchCopy {
    private final Connector connector;
    private final String serverUrl;
    private final String name;
    private final String url;
    private final int serverMajor;
    private String method = "";

    private PostgresScratch(Connector connector, String serverUrl, String name, String url, int serverMajor) {
        this.connector = connector;
        this.serverUrl = serverUrl;
        this.name = name;
        this.url = url;
        this.serverMajor = serverMajor;
    }

    static PostgresScratch copy(String jdbcUrl, String database, Connector connector, Settings settings,
                                String targetUrl, Path folder) throws SQLException {
        try (Connection original = connector.connect()) {
            original.setReadOnly(true);
            String schema;
            try (Statement statement = original.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT current_schema()")) {
                rs.next();
                schema = rs.getString(1);
            }
            String serverUrl = targetUrl != null ? targetUrl : jdbcUrl;
            String name = scratchName(database);
            PostgresScratch copy;
            try (Connection server = connector.connectTo(serverUrl);
                 Statement statement = server.createStatement()) {
                try {
                    statement.execute("CREATE DATABASE " + PostgresCatalog.quote(name) + " TEMPLATE template0");
                } catch (SQLException e) {
                    throw new SluiceException(Problem.BACKUP_FAILED, "Cannot create a scratch database to rehearse on: "
                            + e.getMessage() + "; the role needs CREATEDB on that server, or name another server with "
                            + "--target-url; nothing was changed", e);
                }
                copy = new PostgresScratch(connector, serverUrl, name, scratchUrl(serverUrl, name, schema),
                        server.getMetaData().getDatabaseMajorVersion());
            }
            try {
                copy.fill(jdbcUrl, original, schema, settings, folder.resolve("copy.dump"));
                return copy;
            } catch (SQLException | IOException | RuntimeException e) {
                try {
                    copy.close();
                } catch (SQLException secondary) {
                    e.addSuppressed(secondary);
                }
                throw new SluiceException(Problem.BACKUP_FAILED, "Cannot copy schema " + schema + " of " + database
                        + " into a scratch database to rehearse on: " + e.getMessage() + "; nothing was changed", e);
            }
        }
    }

    private void fill(String jdbcUrl, Connection original, String schema, Settings settings, Path file)
            throws SQLException, IOException {
        StringBuilder why = new StringBuilder();
        int major = Math.max(serverMajor, original.getMetaData().getDatabaseMajorVersion());
        PgDump pgDump = PgDump.locate(settings.text(Setting.PG_DUMP), major, settings.duration(Setting.GATE_TIMEOUT), why);
        if (pgDump != null) {
            pgDump.dump(ServerAddress.of(jdbcUrl, connector.properties()), schema, file, settings.duration(Setting.LOCK_TIMEOUT));
            pgDump.restore(ServerAddress.of(url, connector.properties()), file);
            method = "pg_dump --schema=" + schema + " and pg_restore";
            return;
        }
        new LogicalBackup(original, schema).write(file);
        try (Connection scratch = connector.connectTo(url)) {
            LogicalBackup.restore(scratch, file);
        }
        method = "built-in logical backup of schema " + schema + " (" + why + ")";
    }

    /** Readable in {@code pg_database}, unique enough for two operators at once, within 63 bytes. */
    private static String scratchName(String database) {
        String suffix = String.format("_rehearse_%06x", ThreadLocalRandom.current().nextInt(0x1000000));
        String stem = database.length() > 63 - suffix.length() ? database.substring(0, 63 - suffix.length()) : database;
        return stem + suffix;
    }

    /**
     * The server URL with the scratch database in place of its own, keeping its parameters; the
     * original's schema is named too when it is not {@code public}, so the gate on the copy works
     * in the schema it restored.
     */
    static String scratchUrl(String serverUrl, String name, String schema) {
        String prefix = PostgresDialect.URL_PREFIX;
        String rest = serverUrl.substring(prefix.length());
        int query = rest.indexOf('?');
        String parameters = query >= 0 ? rest.substring(query) : "";
        String location = query >= 0 ? rest.substring(0, query) : rest;
        String base;
        if (location.startsWith("//")) {
            int slash = location.indexOf('/', 2);
            base = "//" + (slash < 0 ? location.substring(2) : location.substring(2, slash)) + "/" + name;
        } else {
            base = name;
        }
        if (!schema.equals("public") && !parameters.contains("currentSchema=")) {
            parameters += (parameters.isEmpty() ? "?" : "&") + "currentSchema=" + schema;
        }
        return prefix + base + parameters;
    }

    @Override
    public String jdbcUrl() {
        return url;
    }

    @Override
    public String location() {
        return "database " + name + " on " + Redact.url(serverUrl).replaceFirst("^jdbc:postgresql:(//)?", "")
                .replaceFirst("[/?].*$", "");
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public boolean isGone() throws SQLException {
        try (Connection server = connector.connectTo(serverUrl);
             PreparedStatement statement = server.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        }
    }

    /** {@code FORCE} (PostgreSQL 13+) ends a session left behind, which would make a plain DROP fail. */
    @Override
    public void close() throws SQLException {
        try (Connection server = connector.connectTo(serverUrl);
             Statement statement = server.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + PostgresCatalog.quote(name) + (serverMajor >= 13 ? " WITH (FORCE)" : ""));
        }
    }
}
