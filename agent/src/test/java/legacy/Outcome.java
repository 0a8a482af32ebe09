package legacy;

import java.sql.Connection;
import java.sql.SQLException;

/** How the legacy apps report what they got, for the tests to read from their output. */
public final class Outcome {
    private Outcome() {
    }

    /** The class of the connection the vendor handed out, under any pool proxy. */
    static void connected(Connection connection) throws SQLException {
        System.out.println("connection=" + connection.unwrap(Connection.class).getClass().getName());
    }

    /** Exits 3 with the SQLState of the first SQLException in the chain; rethrows anything else. */
    static void refused(Throwable failure) throws Exception {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                System.out.println("refused sqlstate=" + ((SQLException) cause).getSQLState());
                System.exit(3);
            }
        }
        if (failure instanceof Exception) {
            throw (Exception) failure;
        }
        throw (Error) failure;
    }
}
