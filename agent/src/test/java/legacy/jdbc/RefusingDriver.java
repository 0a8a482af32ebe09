package legacy.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** A driver whose database refuses every connect. */
public class RefusingDriver extends UnusedDriverMethods {
    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        throw new SQLException("the database refused");
    }
}
