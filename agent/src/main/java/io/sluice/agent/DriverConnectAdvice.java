package io.sluice.agent;

import net.bytebuddy.asm.Advice;

import java.sql.SQLException;
import java.util.Properties;

/**
 * Inlined into every {@code java.sql.Driver#connect(String, Properties)}: the database's gate runs
 * before the driver connects. Calls nothing but {@link AgentBridge}: inlined code may only call
 * what the driver's own class loader can see.
 */
final class DriverConnectAdvice {
    private DriverConnectAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.Argument(0) String url, @Advice.Argument(1) Properties info) throws SQLException {
        AgentBridge.enterDriver(url, info);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit() {
        AgentBridge.exit();
    }
}
