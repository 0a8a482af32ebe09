package io.sluice.driver;

import io.sluice.migrations.error.SqlState;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The gate behind {@link DataSource}, for pools configured with a data source class (HikariCP's
 * {@code dataSourceClassName=io.sluice.driver.SluiceDataSource} with {@code dataSource.url}).
 * Hands out the delegate driver's own connections, exactly as {@link SluiceDriver} does.
 */
public class SluiceDataSource implements DataSource {
    private final SluiceDriver driver = new SluiceDriver();
    private final Properties properties = new Properties();
    private volatile String url;
    private int loginTimeout;
    private PrintWriter logWriter;

    public SluiceDataSource() {
    }

    public SluiceDataSource(String url) {
        this.url = url;
    }

    public String getUrl() {
        return url;
    }

    /** A {@code jdbc:sluice:} URL; settings may ride along as {@code sluice.*} query parameters. */
    public void setUrl(String url) {
        this.url = url;
    }

    /** Same as {@link #setUrl}, for tools that call the property {@code jdbcUrl}. */
    public void setJdbcUrl(String jdbcUrl) {
        setUrl(jdbcUrl);
    }

    public void setUser(String user) {
        properties.setProperty("user", user);
    }

    public void setPassword(String password) {
        properties.setProperty("password", password);
    }

    /** Adds a delegate property or a {@code sluice.*} setting. */
    public void setProperty(String name, String value) {
        properties.setProperty(name, value);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect(properties);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Properties withUser = new Properties();
        withUser.putAll(properties);
        if (username != null) {
            withUser.setProperty("user", username);
        }
        if (password != null) {
            withUser.setProperty("password", password);
        }
        return connect(withUser);
    }

    private Connection connect(Properties info) throws SQLException {
        String target = url;
        if (target == null) {
            throw new SQLException("SluiceDataSource has no URL; set url to jdbc:sluice:<your JDBC URL>",
                    SqlState.CONNECTION_UNABLE_TO_CONNECT.code());
        }
        Connection connection = driver.connect(target, info);
        if (connection == null) {
            throw new SQLException("SluiceDataSource needs a jdbc:sluice: URL, not " + io.sluice.migrations.util.Redact.url(target)
                    + "; write jdbc:sluice:<your JDBC URL>",
                    SqlState.CONNECTION_UNABLE_TO_CONNECT.code());
        }
        return connection;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return Logger.getLogger("io.sluice");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("SluiceDataSource does not wrap " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
