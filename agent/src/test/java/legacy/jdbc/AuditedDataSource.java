package legacy.jdbc;

import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

import java.sql.SQLException;

/**
 * An application's own data source on top of sqlite-jdbc's, as a framework might declare one; the
 * covariant return type makes the compiler add a bridge method, which is not instrumented again.
 */
public class AuditedDataSource extends SQLiteDataSource {
    @Override
    public SQLiteConnection getConnection(String user, String password) throws SQLException {
        return super.getConnection(user, password);
    }
}
