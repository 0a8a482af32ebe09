package io.sluice.agent;

import net.bytebuddy.asm.Advice;

import java.sql.SQLException;

/**
 * Inlined into a vendor data source's {@code getConnection()} and {@code getConnection(user,
 * password)}: sqlite-jdbc's never calls a {@code Driver}, so the gate runs here.
 */
final class DataSourceConnectAdvice {
    private DataSourceConnectAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@Advice.This Object dataSource, @Advice.AllArguments Object[] arguments) throws SQLException {
        AgentBridge.enterDataSource(dataSource, arguments);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit() {
        AgentBridge.exit();
    }
}
