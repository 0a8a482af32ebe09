package legacy;

import com.sun.tools.attach.VirtualMachine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * An application already running when the agent arrives: connects to the SQLite database
 * {@code args[0]} (so its driver is loaded and used), attaches the agent jar {@code args[1]} with
 * arguments {@code args[2]} to itself, then connects again. Prints whether the history table
 * exists after each connect.
 */
public final class LateAttachApp {
    public static void main(String[] args) throws Exception {
        report(args[0]);
        VirtualMachine self = VirtualMachine.attach(String.valueOf(ProcessHandle.current().pid()));
        try {
            self.loadAgent(args[1], args[2]);
        } finally {
            self.detach();
        }
        report(args[0]);
    }

    private static void report(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet tables = statement.executeQuery(
                     "SELECT COUNT(*) FROM sqlite_master WHERE name = 'sluice_schema_history'")) {
            Outcome.connected(connection);
            tables.next();
            System.out.println("history-table=" + tables.getInt(1));
        } catch (Exception e) {
            Outcome.refused(e);
        }
    }
}
