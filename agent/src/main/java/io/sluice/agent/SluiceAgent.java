package io.sluice.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * {@code java -javaagent:sluice-agent.jar[=key=value;key=value] -jar app.jar}: the startup gate
 * for the application's own JDBC URLs, its code, URLs and connection objects unchanged (SPEC §7).
 * Nothing here may stop the application from starting: the agent's own trouble is a log line.
 */
public final class SluiceAgent {
    private SluiceAgent() {
    }

    /**
     * Before the application's {@code main}: no JDBC class is loaded yet, so only a narrow filter is
     * installed; ASM is loaded when the first driver or data source class is (SPEC §7's "never break
     * an app it was not configured for" includes not slowing its start).
     */
    public static void premain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation, false);
    }

    /** Attached to a running JVM: the same transformer, and the drivers loaded already are retransformed. */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation, true);
    }

    private static void start(String arguments, Instrumentation instrumentation, boolean attached) {
        Properties settings;
        try {
            settings = AgentArguments.parse(arguments);
        } catch (IllegalArgumentException e) {
            log(e.getMessage(), null);
            return;
        }
        try {
            AgentBridge.install(new ConnectGate(settings));
            instrumentation.addTransformer(new CandidateFilter(new LazyConnectTransformer()), attached);
            if (attached) {
                retransformLoaded(instrumentation);
            }
        } catch (RuntimeException | LinkageError e) {
            log(e.toString(), e);
        }
    }

    /**
     * The loaded classes the transformer would have instrumented, had it been there when they were
     * defined: chosen by their {@code Class}, then one by one, so that one class's failure leaves the
     * others instrumented.
     */
    private static void retransformLoaded(Instrumentation instrumentation) {
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (isCandidate(type) && instrumentation.isModifiableClass(type)) {
                try {
                    instrumentation.retransformClasses(type);
                } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
                    ConnectTransformer.cannotInstrument(type.getName(), e);
                }
            }
        }
    }

    private static boolean isCandidate(Class<?> type) {
        if (type.isInterface() || type.isSynthetic()
                || !CandidateFilter.isApplicationClass(type.getClassLoader(), type.getName().replace('.', '/'))) {
            return false;
        }
        for (Interception interception : Interception.values()) {
            if (interception.isTypeOf(type)) {
                return true;
            }
        }
        return false;
    }

    private static void log(String problem, Throwable trace) {
        System.getLogger("io.sluice").log(System.Logger.Level.ERROR,
                "io.sluice agent: not installed, connections are not gated: " + problem, trace);
    }

    /** A class, not a method reference: resolving one at {@code premain} would load the invoke machinery. */
    private static final class LazyConnectTransformer implements Supplier<ClassFileTransformer> {
        @Override
        public ClassFileTransformer get() {
            return new ConnectTransformer();
        }
    }
}
