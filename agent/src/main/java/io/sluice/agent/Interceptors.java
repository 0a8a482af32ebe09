package io.sluice.agent;

import io.sluice.migrations.dialect.Dialects;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.sql.Driver;
import java.util.List;
import java.util.Properties;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.failSafe;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isExtensionClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isSubTypeOf;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Installs the advice: on {@code Driver#connect} of every driver class, and on
 * {@code getConnection} of the vendor data sources that do not go through a driver (sqlite-jdbc)
 * or whose URL is known only to them (pgjdbc). Classes loaded before the agent are retransformed;
 * advice only adds code to method bodies, which retransformation allows.
 */
final class Interceptors {
    private static final ElementMatcher.Junction<MethodDescription> CONNECT =
            named("connect").and(takesArguments(String.class, Properties.class)).and(implemented());
    private static final ElementMatcher.Junction<MethodDescription> GET_CONNECTION =
            named("getConnection").and(takesArguments(0).or(takesArguments(String.class, String.class))).and(implemented());
    /*
     * Every class the application loads passes these matchers. The checks on the class's own
     * methods come first: they need only its own class file, while the super type checks read the
     * class files of its whole hierarchy.
     */
    private static final ElementMatcher.Junction<TypeDescription> DRIVERS =
            not(isInterface()).and(declaresMethod(CONNECT)).and(isSubTypeOf(Driver.class));
    /** The dialects' vendor data sources (sqlite-jdbc's, pgjdbc's), with the pooled and XA ones that extend them. */
    private static final ElementMatcher.Junction<TypeDescription> VENDOR_DATA_SOURCES =
            not(isInterface()).and(declaresMethod(GET_CONNECTION)).and(hasSuperType(namedOneOf(Dialects.dataSourceClasses())));
    /**
     * byte-buddy's own switch (under its relocated name) against injecting its helper class into the
     * system class loader, which goes through {@code sun.misc.Unsafe} and makes newer JDKs print a
     * warning. The agent needs no helper: its advice adds no initialisers.
     */
    private static final String NO_HELPER_INJECTION = net.bytebuddy.dynamic.Nexus.PROPERTY;

    private Interceptors() {
    }

    /**
     * Attached to a running JVM: drivers and data sources may be loaded already, so every loaded
     * class is matched and retransformed.
     */
    static void install(Properties arguments, Instrumentation instrumentation) {
        AgentBridge.install(new ConnectGate(arguments));
        agentBuilder()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .installOn(instrumentation);
    }

    /**
     * At start-up, before any application class: the transformer of {@link #install}, applied only to
     * the classes {@link CandidateFilter} lets through.
     */
    static ClassFileTransformer transformer() {
        return agentBuilder().makeRaw();
    }

    private static AgentBuilder agentBuilder() {
        ClassLoader agentLoader = Interceptors.class.getClassLoader();
        return newAgentBuilder()
                .disableClassFormatChanges()
                .with(new ErrorLog())
                // Drivers live with the application; Sluice's own driver and data source gate themselves.
                .ignore(any(), isBootstrapClassLoader().or(isExtensionClassLoader()))
                .or(isSynthetic().or(nameStartsWith("io.sluice.")))
                .type(new SeesTheBridge(DRIVERS))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(agentLoader)
                        .advice(CONNECT, DriverConnectAdvice.class.getName()))
                .type(new SeesTheBridge(VENDOR_DATA_SOURCES))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(agentLoader)
                        .advice(GET_CONNECTION, DataSourceConnectAdvice.class.getName()));
    }

    private static ElementMatcher.Junction<TypeDescription> namedOneOf(List<String> names) {
        ElementMatcher.Junction<TypeDescription> any = none();
        for (String name : names) {
            any = any.or(named(name));
        }
        return any;
    }

    /** A method with a body of its own: not abstract, and not the bridge a covariant return type adds. */
    private static ElementMatcher.Junction<MethodDescription> implemented() {
        return not(isAbstract()).and(not(isBridge()));
    }

    /** The switch is read once, when byte-buddy's helper accessor initialises; it is not left set. */
    private static AgentBuilder newAgentBuilder() {
        String before = System.setProperty(NO_HELPER_INJECTION, "true");
        try {
            return new AgentBuilder.Default();
        } finally {
            if (before == null) {
                System.clearProperty(NO_HELPER_INJECTION);
            } else {
                System.setProperty(NO_HELPER_INJECTION, before);
            }
        }
    }

    /**
     * Matches a type only where its class loader reaches {@link AgentBridge} (an application, Spring
     * Boot or servlet container loader delegates to the system loader): in any other, inlined
     * advice would fail with {@code NoClassDefFoundError} and break the application's connects.
     */
    private static final class SeesTheBridge implements AgentBuilder.RawMatcher {
        private final ElementMatcher<TypeDescription> types;

        SeesTheBridge(ElementMatcher<TypeDescription> types) {
            this.types = failSafe(types);
        }

        @Override
        public boolean matches(TypeDescription type, ClassLoader loader, JavaModule module, Class<?> redefined,
                               ProtectionDomain domain) {
            if (!types.matches(type)) {
                return false;
            }
            if (seesBridge(loader)) {
                return true;
            }
            System.getLogger("io.sluice").log(System.Logger.Level.WARNING, "io.sluice agent: " + type.getName()
                    + " is loaded where the agent's classes are out of reach; its connections are not gated");
            return false;
        }

        private static boolean seesBridge(ClassLoader loader) {
            try {
                return Class.forName(AgentBridge.class.getName(), false, loader) == AgentBridge.class;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
    }

    /** A class the agent could not instrument is one log line; the class loads unchanged. */
    private static final class ErrorLog extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable error) {
            System.getLogger("io.sluice").log(System.Logger.Level.WARNING,
                    "io.sluice agent: cannot instrument " + typeName + "; its connections are not gated: " + error);
        }
    }
}
