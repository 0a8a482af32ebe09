package legacy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;

/**
 * A HikariCP application that knows nothing of Sluice. {@code args[0]} is the URL; with
 * {@code args[1]}, a data source class, the pool runs in {@code dataSourceClassName} mode with the
 * URL as the data source's {@code url} property, else in {@code jdbcUrl} mode. Takes three
 * connections at once from a pool of three.
 */
public final class HikariApp {
    public static void main(String[] args) throws Exception {
        HikariConfig config = new HikariConfig();
        if (args.length > 1) {
            config.setDataSourceClassName(args[1]);
            config.addDataSourceProperty("url", args[0]);
        } else {
            config.setJdbcUrl(args[0]);
        }
        config.setUsername(System.getenv("APP_USER"));
        config.setPassword(System.getenv("APP_PASSWORD"));
        config.setMaximumPoolSize(3);
        try (HikariDataSource pool = new HikariDataSource(config);
             Connection first = pool.getConnection();
             Connection second = pool.getConnection();
             Connection third = pool.getConnection()) {
            Outcome.connected(first);
            Outcome.connected(second);
            Outcome.connected(third);
        } catch (Exception e) {
            Outcome.refused(e);
        }
    }
}
