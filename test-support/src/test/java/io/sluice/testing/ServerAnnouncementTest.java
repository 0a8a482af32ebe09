package io.sluice.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/postgresql.md says the build's output names the PostgreSQL the tests used. Surefire keeps a
 * test's System.out and System.err in report files, so the line must go to the JVM's own stderr.
 */
class ServerAnnouncementTest {
    /** A JVM whose System.out and System.err lead nowhere, as under surefire's redirection. */
    public static final class Announcer {
        public static void main(String[] args) {
            PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
            System.setOut(nowhere);
            System.setErr(nowhere);
            PostgresServers.get();
            System.exit(0);
        }
    }

    @Test
    void theServerLineReachesTheProcessStderr(@TempDir Path dir) throws Exception {
        JavaProcess.Result result = JavaProcess.of(Announcer.class).run(dir.resolve("out.txt"), Duration.ofMinutes(3));

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().matches("(?s).*\\[sluice-test] PostgreSQL .*, ready in .*"), result.output());
    }
}
