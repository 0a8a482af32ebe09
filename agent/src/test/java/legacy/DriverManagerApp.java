package legacy;

import java.sql.Connection;
import java.sql.DriverManager;

/**
 * An application that knows nothing of Sluice: connects twice to each URL of {@code args} through
 * {@link DriverManager}, with {@code APP_USER}/{@code APP_PASSWORD} when set.
 */
public final class DriverManagerApp {
    public static void main(String[] args) throws Exception {
        try {
            for (String url : args) {
                for (int i = 0; i < 2; i++) {
                    try (Connection connection = DriverManager.getConnection(url, System.getenv("APP_USER"),
                            System.getenv("APP_PASSWORD"))) {
                        Outcome.connected(connection);
                    }
                }
            }
        } catch (Exception e) {
            Outcome.refused(e);
        }
    }
}
