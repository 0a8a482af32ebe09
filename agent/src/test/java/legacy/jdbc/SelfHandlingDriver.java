package legacy.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A driver that catches its own failure inside {@code connect} and throws its own exception
 * instead; the branches give the method stack map frames of its own.
 */
public class SelfHandlingDriver extends UnusedDriverMethods {
    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        try {
            if (url.isEmpty()) {
                return null;
            }
            throw new IllegalStateException("the socket closed");
        } catch (IllegalStateException e) {
            throw new SQLException("handled by the driver", e);
        }
    }
}
