package io.sluice.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class CandidateFilterTest {
    private final AtomicInteger made = new AtomicInteger();
    private final AtomicInteger seen = new AtomicInteger();
    private final CandidateFilter filter = new CandidateFilter(() -> {
        made.incrementAndGet();
        return new ClassFileTransformer() {
            @Override
            public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                                    java.security.ProtectionDomain domain, byte[] classFile) {
                seen.incrementAndGet();
                return null;
            }
        };
    });

    /** A driver as an application brings one. */
    static final class SomeDriver implements Driver {
        @Override public Connection connect(String url, Properties info) { return null; }
        @Override public boolean acceptsURL(String url) { return false; }
        @Override public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) { return null; }
        @Override public int getMajorVersion() { return 1; }
        @Override public int getMinorVersion() { return 0; }
        @Override public boolean jdbcCompliant() { return false; }
        @Override public Logger getParentLogger() { return null; }
    }

    /** Any other class of the application. */
    static final class Invoice {
        int total;
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class")) {
            return in.readAllBytes();
        }
    }

    private byte[] transform(Class<?> type, ClassLoader loader) throws Exception {
        // Named as an application's class would be: the filter leaves Sluice's own package alone.
        return filter.transform(null, loader, "com/example/" + type.getSimpleName(), null, null, classFile(type));
    }

    @Test
    void aClassThatDeclaresNoConnectMethodNeverMakesTheTransformer() throws Exception {
        assertNull(transform(Invoice.class, getClass().getClassLoader()));
        assertEquals(0, made.get());
    }

    @Test
    void aDriverClassGoesToTheTransformerMadeOnce() throws Exception {
        transform(SomeDriver.class, getClass().getClassLoader());
        transform(SomeDriver.class, getClass().getClassLoader());
        assertEquals(1, made.get());
        assertEquals(2, seen.get());
    }

    @Test
    void sluicesOwnClassesAreLeftAlone() throws Exception {
        filter.transform(null, getClass().getClassLoader(), "io/sluice/driver/SluiceDriver", null, null,
                classFile(SomeDriver.class));
        assertEquals(0, made.get());
    }

    @Test
    void aClassOfTheBootLoaderIsLeftAlone() throws Exception {
        transform(SomeDriver.class, null);
        assertEquals(0, made.get());
    }

    @Test
    void aClassOfThePlatformLoaderIsLeftAlone() throws Exception {
        transform(SomeDriver.class, ClassLoader.getPlatformClassLoader());
        assertEquals(0, made.get());
    }

    @Test
    void aTransformerThatCannotBeMadeIsTriedOnceAndChangesNothing() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        CandidateFilter broken = new CandidateFilter(() -> {
            tries.incrementAndGet();
            throw new NoClassDefFoundError("io/sluice/shaded/bytebuddy/jar/asm/ClassVisitor");
        });
        byte[] driver = classFile(SomeDriver.class);
        assertNull(broken.transform(null, getClass().getClassLoader(), "com/example/SomeDriver", null, null, driver));
        assertNull(broken.transform(null, getClass().getClassLoader(), "com/example/SomeDriver", null, null, driver));
        assertEquals(1, tries.get());
    }
}
