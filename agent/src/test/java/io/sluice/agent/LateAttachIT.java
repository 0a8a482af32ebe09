package io.sluice.agent;

import io.sluice.testing.JavaProcess;
import io.sluice.testing.SqliteDigest;
import legacy.LateAttachApp;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The agent attached to a running app: the driver class it already loaded is retransformed. */
class LateAttachIT {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.sluice.agent.Jdk#all")
    void aDriverLoadedBeforeTheAgentIsGatedFromTheNextConnectOn(Jdk jdk) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__create_item.sql"), "CREATE TABLE item (id INTEGER PRIMARY KEY);\n");
        String url = "jdbc:sqlite:" + dir.resolve("running.db");
        JavaProcess app = LegacyJvm.app(LateAttachApp.class, jdk).jvmArgs("-Djdk.attach.allowAttachSelf=true");
        if (jdk.major() >= 21) {
            app.jvmArgs("-XX:+EnableDynamicAgentLoading"); // the operator's consent; without it JDK 21+ warns
        }

        JavaProcess.Result run = app.args(url, LegacyJvm.AGENT_JAR.toString(), "locations=filesystem:" + migrations)
                .workingDirectory(dir).run(dir.resolve("app.log"), Duration.ofMinutes(2));

        assertEquals(0, run.exitCode(), run.output());
        assertEquals(List.of("history-table=0", "history-table=1"),
                run.output().lines().filter(line -> line.startsWith("history-table=")).toList(), run.output());
        assertEquals(2, SqliteAgentIT.count(run.output(), "connection=org.sqlite.jdbc4.JDBC4Connection"), run.output());
        assertEquals(1, SqliteDigest.longValue(url, "SELECT COUNT(*) FROM sluice_schema_history WHERE success = 1"));
        assertFalse(run.output().contains("WARNING"), run.output());
    }
}
