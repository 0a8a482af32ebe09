package io.sluice.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.function.Supplier;

/**
 * The transformer {@code premain} installs, in place of byte-buddy's: it looks at each class's
 * bytes for the method names and descriptors the advice needs and hands only those classes (a
 * few JDBC classes in a typical application) to the real transformer, which it makes on the first.
 * byte-buddy's matching of every class an application loads (1,100 classes of its own before
 * {@code main}, ~700 ms) is thereby paid by a few classes, and not at all by an application that
 * never loads a JDBC driver. It refers to no byte-buddy type, so installing it loads none.
 *
 * <p>Conservative by construction: a class that declares {@code connect(String, Properties)} has
 * that descriptor in its constant pool, and one that declares {@code getConnection} has the name;
 * anything else cannot match {@link Interceptors}' matchers, so nothing it instruments is missed.
 */
final class CandidateFilter implements ClassFileTransformer {
    private static final byte[] CONNECT = bytes("(Ljava/lang/String;Ljava/util/Properties;)");
    private static final byte[] GET_CONNECTION = bytes("getConnection");

    private final Supplier<ClassFileTransformer> factory;
    private volatile ClassFileTransformer transformer;

    CandidateFilter(Supplier<ClassFileTransformer> factory) {
        this.factory = factory;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                            ProtectionDomain domain, byte[] classFile) throws IllegalClassFormatException {
        // Drivers live with the application (never the boot loader); Sluice's own classes gate themselves.
        if (loader == null || className == null || className.startsWith("io/sluice/") || classFile == null
                || !contains(classFile, CONNECT) && !contains(classFile, GET_CONNECTION)) {
            return null;
        }
        return transformer().transform(module, loader, className, redefined, domain, classFile);
    }

    /** Made once; if byte-buddy cannot be made, one log line and no class is changed, as a failed premain did. */
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
