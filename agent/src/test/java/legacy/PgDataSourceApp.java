package legacy;

import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;

/**
 * A PostgreSQL application that knows nothing of Sluice: pgjdbc's own data source on
 * {@code args[0]}, user and password from {@code APP_USER}/{@code APP_PASSWORD}; connects twice.
 */
public final class PgDataSourceApp {
    public static void main(String[] args) throws Exception {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(args[0]);
        dataSource.setUser(System.getenv("APP_USER"));
        dataSource.setPassword(System.getenv("APP_PASSWORD"));
        try {
            for (int i = 0; i < 2; i++) {
                try (Connection connection = dataSource.getConnection()) {
                    Outcome.connected(connection);
                }
            }
        } catch (Exception e) {
            Outcome.refused(e);
        }
    }
}
