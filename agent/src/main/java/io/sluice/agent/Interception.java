package io.sluice.agent;

import io.sluice.migrations.dialect.Dialects;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static net.bytebuddy.jar.asm.Opcodes.ACC_ABSTRACT;
import static net.bytebuddy.jar.asm.Opcodes.ACC_BRIDGE;
import static net.bytebuddy.jar.asm.Opcodes.ACC_NATIVE;
import static net.bytebuddy.jar.asm.Opcodes.ACC_STATIC;
import static net.bytebuddy.jar.asm.Opcodes.ACC_SYNTHETIC;

/**
 * What the agent instruments: a method of a given name and parameters, declared with a body of its
 * own by a class with a given super type, and the {@link AgentBridge} method its entry calls. Refers
 * to no ASM class at run time (the access flags are compile-time constants), so attaching decides on
 * loaded classes without loading ASM.
 */
enum Interception {
    /** {@code Driver#connect(String, Properties)}: every pool and {@code DriverManager} ends there. */
    DRIVER("connect", List.of("(Ljava/lang/String;Ljava/util/Properties;)"),
            List.of("java.sql.Driver"),
            "enterDriver", "(Ljava/lang/String;Ljava/util/Properties;)V"),
    /**
     * A vendor data source's {@code getConnection()} and {@code getConnection(user, password)}:
     * sqlite-jdbc's never calls a driver, and pgjdbc's URL is known only to it. The dialects name the
     * base classes; the pooled and XA data sources extend them.
     */
    VENDOR_DATA_SOURCE("getConnection", List.of("()", "(Ljava/lang/String;Ljava/lang/String;)"),
            Dialects.dataSourceClasses(), "enterDataSource", "(Ljava/lang/Object;[Ljava/lang/Object;)V");

    /** No body of its own, or not the instance method a caller of the interface reaches. */
    private static final int NOT_IMPLEMENTED = ACC_ABSTRACT | ACC_NATIVE | ACC_BRIDGE | ACC_SYNTHETIC | ACC_STATIC;

    private final String methodName;
    private final List<String> parameterLists;
    private final Set<String> supertypes;
    final String bridgeMethod;
    final String bridgeDescriptor;

    Interception(String methodName, List<String> parameterLists, List<String> supertypes, String bridgeMethod,
                 String bridgeDescriptor) {
        this.methodName = methodName;
        this.parameterLists = parameterLists;
        this.supertypes = new HashSet<>(supertypes);
        this.bridgeMethod = bridgeMethod;
        this.bridgeDescriptor = bridgeDescriptor;
    }

    /** Whether a method of a class file, by its access flags, name and descriptor, is one to instrument. */
    boolean isMethod(int access, String name, String descriptor) {
        if ((access & NOT_IMPLEMENTED) != 0 || !name.equals(methodName)) {
            return false;
        }
        for (String parameters : parameterLists) {
            if (descriptor.startsWith(parameters)) {
                return true; // any return type: a covariant one is the method itself, its bridge is skipped
            }
        }
        return false;
    }

    /** Whether a loaded class is or extends one of the super types, through any path of its hierarchy. */
    boolean isTypeOf(Class<?> type) {
        if (type == null) {
            return false;
        }
        if (supertypes.contains(type.getName()) || isTypeOf(type.getSuperclass())) {
            return true;
        }
        for (Class<?> implemented : type.getInterfaces()) {
            if (isTypeOf(implemented)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a class being defined, named {@code className} with the direct super types
     * {@code supertypes} (binary names, as its class file lists them), is one to instrument. The
     * super types are loaded through the class's own loader, as defining it is about to; one that
     * cannot be loaded makes no match (the class will then fail to define by itself).
     */
    boolean isTypeOf(String className, List<String> directSupertypes, ClassLoader loader) {
        if (supertypes.contains(className)) {
            return true;
        }
        for (String name : directSupertypes) {
            try {
                if (isTypeOf(Class.forName(name, false, loader))) {
                    return true;
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // not a match: see above
            }
        }
        return false;
    }
}
