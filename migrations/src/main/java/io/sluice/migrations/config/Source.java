package io.sluice.migrations.config;

/** Where a setting can come from, in SPEC §2's precedence (the URL first). */
enum Source {
    URL("the URL"),
    CONNECTION_PROPERTIES("connection properties"),
    SYSTEM_PROPERTIES("system properties"),
    ENVIRONMENT("the environment"),
    FILE("the configuration file");

    private final String origin;

    Source(String origin) {
        this.origin = origin;
    }

    /**
     * Whether only the application's operator can write here. Whoever can edit a JDBC URL or the
     * connection properties a pool passes along must not be able to make the application run a
     * program or load a file (see {@link Setting#isTrustedOnly()}).
     */
    public boolean isTrusted() {
        return this != URL && this != CONNECTION_PROPERTIES;
    }

    /** How messages name this source: "the URL", "connection properties". */
    public String origin() {
        return origin;
    }
}
