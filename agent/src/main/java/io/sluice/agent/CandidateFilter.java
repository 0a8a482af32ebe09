package io.sluice.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.function.Supplier;

/**
 * The transformer the agent installs: it looks at each class's bytes for the method names and
 * descriptors the agent instruments and hands only those classes (a few JDBC classes in a typical
 * application) to the real transformer, which it makes on the first. An application that never
 * loads a JDBC driver thereby never loads ASM, and every other class costs one byte scan. It refers
 * to no ASM type, so installing it loads none.
 *
 * <p>Conservative by construction: a class that declares {@code connect(String, Properties)} has
 * that descriptor in its constant pool, and one that declares {@code getConnection} has the name;
 * anything else cannot match {@link Interception}, so nothing it instruments is missed.
 */
final class CandidateFilter implements ClassFileTransformer {
    private static final byte[] CONNECT = bytes("(Ljava/lang/String;Ljava/util/Properties;)");
    private static final byte[] GET_CONNECTION = bytes("getConnection");
    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    private final Supplier<ClassFileTransformer> factory;
    private volatile ClassFileTransformer transformer;

    CandidateFilter(Supplier<ClassFileTransformer> factory) {
        this.factory = factory;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                            ProtectionDomain domain, byte[] classFile) throws IllegalClassFormatException {
        if (!isApplicationClass(loader, className) || classFile == null
                || !contains(classFile, CONNECT) && !contains(classFile, GET_CONNECTION)) {
            return null;
        }
        return transformer().transform(module, loader, className, redefined, domain, classFile);
    }

    /**
     * Drivers live with the application, never in the boot or platform loader; Sluice's own driver
     * and data source gate themselves. {@code internalName} as in a class file: {@code io/sluice/…}.
     */
    static boolean isApplicationClass(ClassLoader loader, String internalName) {
        return loader != null && loader != PLATFORM && internalName != null && !internalName.startsWith("io/sluice/");
    }

    /** Made once; if the transformer cannot be made, one log line and no class is changed, as a failed premain did. */
    private ClassFileTransformer transformer() {
        ClassFileTransformer made = transformer;
        if (made == null) {
            synchronized (this) {
                made = transformer;
                if (made == null) {
                    try {
                        made = factory.get();
                    } catch (RuntimeException | LinkageError e) {
                        System.getLogger("io.sluice").log(System.Logger.Level.ERROR,
                                "io.sluice agent: not installed, connections are not gated: " + e, e);
                        made = NOTHING;
                    }
                    transformer = made;
                }
            }
        }
        return made;
    }

    private static final ClassFileTransformer NOTHING = new ClassFileTransformer() { };

    static boolean contains(byte[] haystack, byte[] needle) {
        byte first = needle[0];
        for (int i = 0, last = haystack.length - needle.length; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            int j = 1;
            while (j < needle.length && haystack[i + j] == needle[j]) {
                j++;
            }
            if (j == needle.length) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
