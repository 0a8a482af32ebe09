package legacy.jdbc;

import java.sql.Connection;
import java.util.Properties;

/** A class with a method of {@code Driver#connect}'s name and parameters that is no driver. */
public class NotADriver {
    public Connection connect(String url, Properties info) {
        return null;
    }
}
