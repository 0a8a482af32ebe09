package io.sluice.migrations.dialect.postgres;

import io.sluice.migrations.backup.MissingProgram;
import io.sluice.migrations.config.Setting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pg_dump --format=custom} and its {@code pg_restore}. The password goes to the tools
 * through {@code PGPASSWORD} in their environment, never on a command line that {@code ps} shows.
 */
final class PgDump {
    /** The {@code sluice.backup} method that requires pg_dump. */
    static final String METHOD = "pg_dump";
    private static final Pattern VERSION = Pattern.compile("\\)\\s*(\\d+)(?:\\.(\\d+))?");

    private final String dumpProgram;
    private final String restoreProgram;
    private final Duration timeout;

    private PgDump(String dumpProgram, Duration timeout) {
        this.dumpProgram = dumpProgram;
        Path program = Paths.get(dumpProgram);
        this.restoreProgram = program.getParent() == null ? "pg_restore"
                : program.getParent().resolve("pg_restore").toString();
        this.timeout = timeout;
    }

    /**
     * @return the tools, or null with the reason in {@code why} when {@code pg_dump} or the
     *         {@code pg_restore} beside it is missing, or {@code pg_dump} is older than the server (an
     *         older pg_dump refuses a newer server)
     */
    static PgDump locate(String program, int serverMajor, Duration timeout, StringBuilder why) {
        Integer major = majorVersion(program, why);
        if (major == null) {
            return null;
        }
        if (major < serverMajor) {
            why.append(program).append(" is version ").append(major).append(", older than the server's ").append(serverMajor);
            return null;
        }
        PgDump tools = new PgDump(program, timeout);
        return majorVersion(tools.restoreProgram, why) == null ? null : tools;
    }

    /** As {@link #locate}, for a caller that cannot do without: a missing tool is an error that says what to install. */
    static PgDump require(String program, int serverMajor, Duration timeout) throws MissingProgram {
        StringBuilder why = new StringBuilder();
        PgDump tools = locate(program, serverMajor, timeout, why);
        if (tools == null) {
            throw new MissingProgram(why + "; install the PostgreSQL client programs (pg_dump and pg_restore, version "
                    + serverMajor + " or newer; Debian and Ubuntu: postgresql-client) or set "
                    + Setting.PG_DUMP.property() + " to the pg_dump to use");
        }
        return tools;
    }

    private static Integer majorVersion(String program, StringBuilder why) {
        try {
            Process process = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                why.append(program).append(" --version failed: ").append(output.trim());
                return null;
            }
            Matcher matcher = VERSION.matcher(output);
            if (!matcher.find()) {
                why.append("cannot read the version of ").append(program).append(": ").append(output.trim());
                return null;
            }
            return Integer.parseInt(matcher.group(1));
        } catch (IOException e) {
            why.append(program).append(" is not installed (").append(e.getMessage()).append(')');
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why.append("interrupted while asking ").append(program).append(" for its version");
            return null;
        }
    }

    /**
     * gzip at level 1: pg_dump's default level costs the gate most of its backup time for little
     * more compression (a 258 MiB database of random bytes: 17.1 s at the default, 6.0 s at level
     * 1, 2.2 s uncompressed; docs/benchmarks.md), and level 1 still shrinks text-heavy tables.
     *
     * @param lockWait how long pg_dump may wait for a table another session locked exclusively,
     *                 so a busy table fails the backup instead of hanging the gate
     */
    void dump(ServerAddress server, String schema, Path file, Duration lockWait) throws IOException {
        run(server, dumpProgram, "--format=custom", "--compress=1", "--no-password", "--file=" + file, "--schema=" + schema,
                "--lock-wait-timeout=" + Math.max(1, lockWait.toMillis()), "--dbname=" + server.database);
    }

    /** Reads the whole table of contents back: a truncated or corrupt dump fails here. */
    void check(Path file) throws IOException {
        run(null, restoreProgram, "--list", file.toString());
    }

    /** Loads the archive into an empty schema of the same name (see {@code PostgresBackups.restore}). */
    void restore(ServerAddress server, Path file) throws IOException {
        run(server, restoreProgram, "--clean", "--if-exists", "--no-owner", "--single-transaction", "--no-password",
                "--exit-on-error", "--dbname=" + server.database, file.toString());
    }

    private void run(ServerAddress server, String program, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(program);
        command.addAll(Arrays.asList(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (server != null) {
            command.addAll(1, Arrays.asList("--host=" + server.host, "--port=" + server.port,
                    "--username=" + server.user));
            Map<String, String> environment = builder.environment();
            if (server.password != null) {
                environment.put("PGPASSWORD", server.password);
            }
            if (server.sslMode != null) {
                environment.put("PGSSLMODE", server.sslMode);
            }
        }
        builder.command(command);
        Path log = Files.createTempFile("sluice-pg", ".log");
        try {
            Process process;
            try {
                process = builder.redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                throw new MissingProgram(program + " cannot be started (" + e.getMessage() + "); install the PostgreSQL "
                        + "client programs or set " + Setting.PG_DUMP.property() + " to a pg_dump with pg_restore beside it");
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(Paths.get(program).getFileName() + " did not finish within " + timeout);
            }
            if (process.exitValue() != 0) {
                String output = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).trim().replace('\n', ' ');
                throw new IOException(Paths.get(program).getFileName() + " exited with " + process.exitValue() + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + Paths.get(program).getFileName() + " ran", e);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
