package io.sluice.agent;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

import java.util.Set;

/**
 * Adds the calls of {@link AgentBridge} to the intercepted methods of one class: its {@code enter…}
 * method at entry, {@link AgentBridge#exit()} before every return and when a throwable leaves the
 * body. Nothing else of the class changes, so a retransformation may apply it to a loaded class.
 */
final class BridgeCalls extends ClassVisitor {
    private static final String BRIDGE = Type.getInternalName(AgentBridge.class);

    private final Set<Interception> interceptions;
    private boolean withFrames;

    private BridgeCalls(ClassVisitor writer, Set<Interception> interceptions) {
        super(Opcodes.ASM9, writer);
        this.interceptions = interceptions;
    }

    /**
     * The class file with the calls added. The maximum stack is computed, the stack map frames are
     * not: computing them needs the common super class of two types, that is loading classes while
     * one is being defined. The method's own frames are kept and the one frame added is written here.
     */
    static byte[] add(ClassReader classFile, Set<Interception> interceptions) {
        ClassWriter writer = new ClassWriter(classFile, ClassWriter.COMPUTE_MAXS);
        // Expanded frames: the added frame is an expanded one, and a method's frames may not mix both forms.
        classFile.accept(new BridgeCalls(writer, interceptions), ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        // Class files older than Java 6 have no stack map frames; the verifier infers their types.
        withFrames = (version & 0xFFFF) >= Opcodes.V1_6;
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
        for (Interception interception : interceptions) {
            if (interception.isMethod(access, name, descriptor)) {
                return new Intercepted(method, interception, Type.getArgumentTypes(descriptor), withFrames);
            }
        }
        return method;
    }

    /** One intercepted method: its body, wrapped. */
    private static final class Intercepted extends MethodVisitor {
        private final Interception interception;
        private final Type[] parameters;
        private final boolean withFrames;
        /** From after the enter call, which exits by itself when it throws, to the end of the body. */
        private final Label body = new Label();
        private final Label exitOnThrowable = new Label();

        Intercepted(MethodVisitor method, Interception interception, Type[] parameters, boolean withFrames) {
            super(Opcodes.ASM9, method);
            this.interception = interception;
            this.parameters = parameters;
            this.withFrames = withFrames;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            if (interception == Interception.DRIVER) {
                loadParameters();
            } else {
                // A data source's gate reads its URL from the data source itself.
                super.visitVarInsn(Opcodes.ALOAD, 0);
                loadParametersAsArray();
            }
            super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, interception.bridgeMethod,
                    interception.bridgeDescriptor, false);
            super.visitLabel(body);
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
                exit();
            }
            super.visitInsn(opcode);
        }

        /**
         * After the body: the handler that exits and rethrows. Its exception table entry comes last,
         * after the method's own, so the method's own handlers still catch first what they catch.
         * The exit calls before the returns lie in its range too: an exit that fails does so before
         * it counts down, and the handler's exit then counts down once.
         */
        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitLabel(exitOnThrowable);
            if (withFrames) {
                super.visitFrame(Opcodes.F_NEW, 0, null, 1, new Object[] {"java/lang/Throwable"});
            }
            exit();
            super.visitInsn(Opcodes.ATHROW);
            super.visitTryCatchBlock(body, exitOnThrowable, exitOnThrowable, null);
            super.visitMaxs(maxStack, maxLocals);
        }

        private void exit() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "exit", "()V", false);
        }

        private void loadParameters() {
            int slot = 1;
            for (Type parameter : parameters) {
                super.visitVarInsn(parameter.getOpcode(Opcodes.ILOAD), slot);
                slot += parameter.getSize();
            }
        }

        /** The parameters as an {@code Object[]}; the intercepted data source methods take only strings. */
        private void loadParametersAsArray() {
            super.visitLdcInsn(parameters.length);
            super.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
            for (int i = 0; i < parameters.length; i++) {
                super.visitInsn(Opcodes.DUP);
                super.visitLdcInsn(i);
                super.visitVarInsn(Opcodes.ALOAD, 1 + i);
                super.visitInsn(Opcodes.AASTORE);
            }
        }
    }
}
