package io.sluice.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.StringJoiner;

/** The server named by {@code SLUICE_TEST_PG_URL}, used as it is: its user owns the tests' databases. */
final class UrlServer {
    static final String VARIABLE = "SLUICE_TEST_PG_URL";
    static final String EXAMPLE = "jdbc:postgresql://host:5432/postgres?user=…&password=…";

    private static final String PREFIX = "jdbc:postgresql://";

    private UrlServer() {
    }

    /** Errors name the variable and the host, never the URL: it may carry a password. */
    static PostgresServer connect(String url) throws SQLException {
        if (!url.startsWith(PREFIX)) {
            throw new IllegalArgumentException(VARIABLE + " must be a PostgreSQL JDBC URL such as " + EXAMPLE);
        }
        String[] addressAndQuery = url.substring(PREFIX.length()).split("\\?", 2);
        String[] authorityAndDatabase = addressAndQuery[0].split("/", 2);
        String database = authorityAndDatabase.length > 1 && !authorityAndDatabase[1].isEmpty()
                ? authorityAndDatabase[1] : "postgres";
        String user = null;
        String password = "";
        StringJoiner parameters = new StringJoiner("&", "?", "").setEmptyValue("");
        for (String parameter : addressAndQuery.length > 1 ? addressAndQuery[1].split("&") : new String[0]) {
            String[] keyAndValue = parameter.split("=", 2);
            String value = keyAndValue.length > 1 ? URLDecoder.decode(keyAndValue[1], StandardCharsets.UTF_8) : "";
            switch (keyAndValue[0]) {
                case "user" -> user = value;
                case "password" -> password = value;
                case "" -> { }
                default -> parameters.add(parameter);
            }
        }
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException(VARIABLE + " names no user: add user= (and password=) as in " + EXAMPLE);
        }
        PostgresServer.Login login = new PostgresServer.Login(user, password);
        return new PostgresServer(VARIABLE, authorityAndDatabase[0], parameters.toString(), database, login, login);
    }
}
