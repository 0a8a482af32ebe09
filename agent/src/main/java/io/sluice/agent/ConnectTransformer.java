package io.sluice.agent;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Instruments a driver or vendor data source class (see {@link Interception}) as it is defined, or
 * as it is retransformed when the agent attaches to a running JVM. It sits behind
 * {@link CandidateFilter}, so it sees only the few classes whose bytes name a method it may
 * instrument. A class it cannot instrument is one log line and loads unchanged.
 */
final class ConnectTransformer implements ClassFileTransformer {
    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                            ProtectionDomain domain, byte[] classFile) {
        try {
            ClassReader reader = new ClassReader(classFile);
            Set<Interception> interceptions = interceptions(reader, loader, redefined);
            if (interceptions.isEmpty()) {
                return null;
            }
            if (!seesBridge(loader)) {
                warn(binaryName(className) + " is loaded where the agent's classes are out of reach; its connections are not gated");
                return null;
            }
            return BridgeCalls.add(reader, interceptions);
        } catch (RuntimeException | LinkageError e) {
            cannotInstrument(binaryName(className), e);
            return null;
        }
    }

    /**
     * What to instrument in a class: the interceptions whose method it declares (read from its class
     * file, which costs little) and whose super type it has (which may load its super types). A
     * class being retransformed is loaded: its hierarchy is asked of the {@code Class}.
     */
    private static Set<Interception> interceptions(ClassReader reader, ClassLoader loader, Class<?> redefined) {
        Set<Interception> declared = EnumSet.noneOf(Interception.class);
        if ((reader.getAccess() & (Opcodes.ACC_INTERFACE | Opcodes.ACC_SYNTHETIC)) != 0) {
            return declared;
        }
        reader.accept(new DeclaredMethods(declared), ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        String className = binaryName(reader.getClassName());
        List<String> supertypes = directSupertypes(reader);
        for (Iterator<Interception> each = declared.iterator(); each.hasNext(); ) {
            Interception interception = each.next();
            boolean typeOf = redefined != null ? interception.isTypeOf(redefined)
                    : interception.isTypeOf(className, supertypes, loader);
            if (!typeOf) {
                each.remove();
            }
        }
        return declared;
    }

    private static List<String> directSupertypes(ClassReader reader) {
        List<String> supertypes = new ArrayList<>();
        if (reader.getSuperName() != null) {
            supertypes.add(binaryName(reader.getSuperName()));
        }
        for (String implemented : reader.getInterfaces()) {
            supertypes.add(binaryName(implemented));
        }
        return supertypes;
    }

    private static String binaryName(String internalName) {
        return internalName.replace('/', '.');
    }

    /**
     * Whether the class's loader reaches this very {@link AgentBridge} (an application, Spring Boot
     * or servlet container loader delegates to the system loader). In any other, the added calls
     * would fail with {@code NoClassDefFoundError} and break the application's connects.
     */
    private static boolean seesBridge(ClassLoader loader) {
        try {
            return Class.forName(AgentBridge.class.getName(), false, loader) == AgentBridge.class;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** A class the agent could not instrument: one log line, and the class stays as it is. */
    static void cannotInstrument(String className, Throwable failure) {
        warn("cannot instrument " + className + "; its connections are not gated: " + failure);
    }

    private static void warn(String problem) {
        System.getLogger("io.sluice").log(System.Logger.Level.WARNING, "io.sluice agent: " + problem);
    }

    /** Collects the interceptions whose method a class declares. */
    private static final class DeclaredMethods extends ClassVisitor {
        private final Set<Interception> declared;

        DeclaredMethods(Set<Interception> declared) {
            super(Opcodes.ASM9);
            this.declared = declared;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            for (Interception interception : Interception.values()) {
                if (interception.isMethod(access, name, descriptor)) {
                    declared.add(interception);
                }
            }
            return null;
        }
    }
}
