package io.sluice.agent;

import java.lang.instrument.Instrumentation;
import java.util.Properties;

/**
 * {@code java -javaagent:sluice-agent.jar[=key=value;key=value] -jar app.jar}: the startup gate
 * for the application's own JDBC URLs, its code, URLs and connection objects unchanged (SPEC §7).
 * Nothing here may stop the application from starting: the agent's own trouble is a log line.
 */
public final class SluiceAgent {
    private SluiceAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation);
    }

    /** Attached to a running JVM: drivers loaded already are retransformed. */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation);
    }

    private static void start(String arguments, Instrumentation instrumentation) {
        Properties settings;
        try {
            settings = AgentArguments.parse(arguments);
        } catch (IllegalArgumentException e) {
            log(e.getMessage(), null);
            return;
        }
        try {
            Interceptors.install(settings, instrumentation);
        } catch (RuntimeException | LinkageError e) {
            log(e.toString(), e);
        }
    }

    private static void log(String problem, Throwable trace) {
        System.getLogger("io.sluice").log(System.Logger.Level.ERROR,
                "io.sluice agent: not installed, connections are not gated: " + problem, trace);
    }
}
