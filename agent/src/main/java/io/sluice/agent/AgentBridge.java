package io.sluice.agent;

import java.sql.SQLException;
import java.util.Properties;

/**
 * The one class the instrumented methods call ({@link BridgeCalls}). They belong to the application's
 * drivers and data sources; this class comes from the agent jar on the system class path, which
 * their class loaders reach by delegation ({@link ConnectTransformer} instruments no class whose
 * loader cannot).
 *
 * <p>A connect nested in another on the same thread passes straight through: the gate's own
 * connections, a Java migration connecting, and a data source that calls a driver.
 */
public final class AgentBridge {
    private static volatile ConnectGate gate;
    /** Intercepted connects in progress on this thread. */
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private AgentBridge() {
    }

    static void install(ConnectGate value) {
        gate = value;
    }

    public static void enterDriver(String url, Properties info) throws SQLException {
        if (outermost()) {
            try {
                gate.beforeDriverConnect(url, info);
            } catch (Throwable e) {
                exit();
                throw e;
            }
        }
    }

    public static void enterDataSource(Object dataSource, Object[] arguments) throws SQLException {
        if (outermost()) {
            try {
                gate.beforeDataSourceConnect(dataSource, arguments);
            } catch (Throwable e) {
                exit();
                throw e;
            }
        }
    }

    /** When the intercepted method returns or throws; not after {@code enter…} threw, which exits by itself. */
    public static void exit() {
        DEPTH.get()[0]--;
    }

    private static boolean outermost() {
        return DEPTH.get()[0]++ == 0;
    }
}
