package io.sluice.benchmarks.side;

import java.nio.file.Path;
import java.util.Properties;

/** One database a tool migrates: its own JDBC URL, the login, and a folder for backups. */
public final class Target {
    private final String url;
    private final Properties login;
    private final Path folder;

    Target(String url, Properties login, Path folder) {
        this.url = url;
        this.login = login;
        this.folder = folder;
    }

    public String url() {
        return url;
    }

    /** {@code jdbc:sluice:<rest>}. */
    public String sluiceUrl() {
        return "jdbc:sluice:" + url.substring("jdbc:".length());
    }

    public Properties login() {
        Properties copy = new Properties();
        copy.putAll(login);
        return copy;
    }

    public String user() {
        return login.getProperty("user");
    }

    public Path folder() {
        return folder;
    }
}
