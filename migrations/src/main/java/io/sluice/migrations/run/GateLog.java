package io.sluice.migrations.run;

/** The gate's log lines, each starting with the database's short name. */
final class GateLog {
    private static final System.Logger LOG = System.getLogger("io.sluice");

    private final String database;

    GateLog(String database) {
        this.database = database;
    }

    String database() {
        return database;
    }

    String prefix(String message) {
        return message.startsWith(database + ": ") ? message : database + ": " + message;
    }

    void log(System.Logger.Level level, String message) {
        LOG.log(level, prefix(message));
    }
}
