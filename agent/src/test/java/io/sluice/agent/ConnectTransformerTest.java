package io.sluice.agent;

import legacy.jdbc.AuditedDataSource;
import legacy.jdbc.NotADriver;
import legacy.jdbc.RefusingDriver;
import legacy.jdbc.SelfHandlingDriver;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The transformer on application classes defined in a loader of their own, as the JVM would define
 * them under the agent (verified as usual), in front of a real gate on SQLite: {@code gated.db}'s
 * only migration fails, so a connect that reaches its gate is refused with 08004; the agent leaves
 * {@code excluded.db} alone.
 */
class ConnectTransformerTest {
    @TempDir
    Path dir;
    private String gated;
    private String excluded;

    @BeforeEach
    void gateWithAFailingMigration() throws IOException {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__broken.sql"), "ALTER TABLE missing ADD COLUMN x INTEGER;\n");
        gated = "jdbc:sqlite:" + dir.resolve("gated.db");
        excluded = "jdbc:sqlite:" + dir.resolve("excluded.db");
        AgentBridge.install(new ConnectGate(AgentArguments.parse("locations=filesystem:" + migrations
                + ";exclude=*/excluded.db")));
    }

    @Test
    void aDriversConnectPassesTheGateFirst() throws Exception {
        Driver driver = (Driver) instrumented(RefusingDriver.class, classFile(RefusingDriver.class));

        assertEquals("08004", assertThrows(SQLException.class, () -> driver.connect(gated, new Properties())).getSQLState());
    }

    @Test
    void aConnectThatThrowsLeavesTheThreadsNextConnectGatedAgain() throws Exception {
        Driver driver = (Driver) instrumented(RefusingDriver.class, classFile(RefusingDriver.class));

        SQLException vendors = assertThrows(SQLException.class, () -> driver.connect(excluded, new Properties()));
        SQLException gates = assertThrows(SQLException.class, () -> driver.connect(gated, new Properties()));

        assertEquals("the database refused", vendors.getMessage());
        assertEquals("08004", gates.getSQLState(), "the second connect was taken for one nested in the first");
    }

    @Test
    void aDriverThatCatchesInsideConnectSeesItsOwnExceptionsFirst() throws Exception {
        Driver driver = (Driver) instrumented(SelfHandlingDriver.class, classFile(SelfHandlingDriver.class));

        SQLException thrown = assertThrows(SQLException.class, () -> driver.connect(excluded, new Properties()));
        SQLException gates = assertThrows(SQLException.class, () -> driver.connect(gated, new Properties()));

        assertEquals("handled by the driver", thrown.getMessage());
        assertEquals("08004", gates.getSQLState());
    }

    /** Java 5 class files have no stack map frames, and the transformer must add none; Java 11's must have them. */
    @ParameterizedTest(name = "class file version {0}")
    @ValueSource(ints = {Opcodes.V1_5, Opcodes.V11})
    void aDriverCompiledForAnOlderJavaIsInstrumentedAndVerifies(int version) throws Exception {
        byte[] classFile = withVersion(classFile(SelfHandlingDriver.class), version);
        Driver driver = (Driver) instrumented(SelfHandlingDriver.class, classFile);

        assertEquals("handled by the driver",
                assertThrows(SQLException.class, () -> driver.connect(excluded, new Properties())).getMessage());
        assertEquals("08004", assertThrows(SQLException.class, () -> driver.connect(gated, new Properties())).getSQLState());
    }

    @Test
    void aJava5ClassFileGetsNoStackMapFrame() throws Exception {
        byte[] transformed = transform(new DefiningLoader(), SelfHandlingDriver.class,
                withVersion(classFile(SelfHandlingDriver.class), Opcodes.V1_5));

        assertNotNull(transformed);
        // Either attribute's name in the constant pool: ASM writes frames of an old class file as CLDC's StackMap.
        assertFalse(CandidateFilter.contains(transformed, "StackMap".getBytes(StandardCharsets.US_ASCII)),
                "a stack map frame was added");
    }

    @Test
    void aVendorDataSourcesSubclassIsGatedWithItsOwnUrlAndTheCallersCredentials() throws Exception {
        SQLiteDataSource dataSource = (SQLiteDataSource) instrumented(AuditedDataSource.class,
                classFile(AuditedDataSource.class));
        dataSource.setUrl(gated);

        assertEquals("08004", assertThrows(SQLException.class,
                () -> dataSource.getConnection("app", "secret")).getSQLState());
    }

    @Test
    void aClassWithAConnectMethodThatIsNoDriverIsLeftUnchanged() throws Exception {
        assertNull(transform(new DefiningLoader(), NotADriver.class, classFile(NotADriver.class)));
    }

    @Test
    void aClassFileTheTransformerCannotReadLoadsUnchanged() throws Exception {
        byte[] truncated = new byte[64];
        System.arraycopy(classFile(RefusingDriver.class), 0, truncated, 0, truncated.length);

        assertNull(transform(new DefiningLoader(), RefusingDriver.class, truncated));
    }

    /** A new instance of {@code type} defined from {@code classFile} through the transformer. */
    private static Object instrumented(Class<?> type, byte[] classFile) throws Exception {
        DefiningLoader loader = new DefiningLoader();
        byte[] transformed = transform(loader, type, classFile);
        assertNotNull(transformed, type + " was not instrumented");
        return loader.define(type.getName(), transformed).getDeclaredConstructor().newInstance();
    }

    private static byte[] transform(ClassLoader loader, Class<?> type, byte[] classFile) {
        return new ConnectTransformer().transform(null, loader, type.getName().replace('.', '/'), null, null, classFile);
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }

    /** The class file as a compiler for an older Java would have written it, without frames before Java 6. */
    private static byte[] withVersion(byte[] classFile, int version) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int ignored, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(version, access, name, signature, superName, interfaces);
            }
        }, version < Opcodes.V1_6 ? ClassReader.SKIP_FRAMES : 0);
        return writer.toByteArray();
    }

    /** Defines the class under test itself, so it is not the copy the test's own loader has. */
    private static final class DefiningLoader extends ClassLoader {
        DefiningLoader() {
            super(ConnectTransformerTest.class.getClassLoader());
        }

        Class<?> define(String name, byte[] classFile) {
            return defineClass(name, classFile, 0, classFile.length);
        }
    }
}
