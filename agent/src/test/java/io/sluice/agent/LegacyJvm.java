package io.sluice.agent;

import io.sluice.testing.JavaProcess;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A legacy app in a child JVM, as a user runs it: its class path has the apps of package
 * {@code legacy} and the vendors' jars, but no Sluice jar; Sluice comes only through
 * {@code -javaagent}.
 */
final class LegacyJvm {
    static final Path AGENT_JAR = Paths.get(System.getProperty("sluice.agent.jar"));
    private static final List<String> VENDOR_JARS = List.of("sqlite-jdbc-", "postgresql-", "HikariCP-", "slf4j-");

    private LegacyJvm() {
    }

    /** The app on {@code jdk}, without the agent. */
    static JavaProcess app(Class<?> main, Jdk jdk) {
        // sqlite-jdbc loads its native library; newer JDKs warn about that unless allowed, and
        // that warning is the app's own, not the agent's.
        return JavaProcess.of(main).java(jdk.java()).classPath(classPath()).jvmArgs("--enable-native-access=ALL-UNNAMED");
    }

    /** The app on {@code jdk} with {@code -javaagent:sluice-agent.jar[=arguments]}. */
    static JavaProcess withAgent(Class<?> main, Jdk jdk, String arguments) {
        return app(main, jdk).jvmArgs("-javaagent:" + AGENT_JAR + (arguments.isEmpty() ? "" : "=" + arguments));
    }

    /** The vendor jar on this test's class path whose file name starts with {@code prefix}. */
    static Path vendorJar(String prefix) {
        return entries().map(Paths::get).filter(entry -> entry.getFileName().toString().startsWith(prefix))
                .findFirst().orElseThrow(() -> new IllegalStateException("no " + prefix + "*.jar on the class path"));
    }

    private static String classPath() {
        return entries().filter(entry -> entry.endsWith("test-classes") || isVendorJar(Paths.get(entry).getFileName().toString()))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static Stream<String> entries() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator));
    }

    private static boolean isVendorJar(String name) {
        return name.endsWith(".jar") && VENDOR_JARS.stream().anyMatch(name::startsWith);
    }
}
