package io.sluice.spring;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Puts Sluice's refusal on top of Spring Boot's startup failure report: its message names the
 * migration file, the statement's line, the database's own error and the backup, where the
 * exception Spring Boot would print names only the bean that could not be created. Registered in
 * {@code META-INF/spring.factories}, so only Spring Boot ever loads it.
 */
public class SluiceFailureAnalyzer implements FailureAnalyzer {
    static final String EXCEPTION_CLASS = "io.sluice.migrations.error.SluiceException";

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        SQLException refusal = findRefusal(failure);
        return refusal == null ? null : new FailureAnalysis(refusal.getMessage(), action(refusal), refusal);
    }

    /** The first Sluice exception in the cause chain (compared by name: the driver may sit in another class loader). */
    static SQLException findRefusal(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause.getClass().getName().equals(EXCEPTION_CLASS)) {
                return (SQLException) cause;
            }
        }
        return null;
    }

    private static String action(SQLException refusal) {
        String state = refusal.getSQLState() == null ? "" : refusal.getSQLState();
        switch (state) {
            case "08004":
                return "The gate refuses every connection until the application restarts (SQLState 08004)."
                        + " Fix the migration or setting the message names, then start again. A failed migration"
                        + " was rolled back; a backup the message names holds the database as it was before this"
                        + " start. The command-line tool's 'plan' and 'validate' show the same findings without"
                        + " starting the application.";
            case "08001":
                return "This may pass by itself (SQLState 08001): another process held the migration lock, or"
                        + " the database could not be reached. Start again; if it keeps happening, check the"
                        + " database and raise sluice.lockTimeout if another instance migrates for longer.";
            case "22023":
                return "Correct the sluice.* setting the message names, wherever it is set: application.properties,"
                        + " spring.datasource.hikari.data-source-properties, the JDBC URL, a system property, a SLUICE_*"
                        + " environment variable or sluice.properties.";
            default:
                return "Fix what the message names and start the application again.";
        }
    }
}
