package io.sluice.benchmarks.mains;

import org.flywaydb.core.Flyway;

/** {@code FlywayMain URL USER LOCATION}: Flyway's migrate as an app starts it, out of the box. */
public final class FlywayMain {
    private FlywayMain() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        int executed = Flyway.configure()
                .dataSource(args[0], args[1].equals("-") ? null : args[1], null)
                .locations(args[2])
                .load()
                .migrate()
                .migrationsExecuted;
        if (executed != 0) {
            throw new IllegalStateException("Flyway applied " + executed + "; the database was meant to be up to date");
        }
        Memory.report(start);
    }
}
