package io.sluice.migrations.resolve;

/** A folder of migrations: {@code classpath:db/migration} or {@code filesystem:/srv/app/sql}. */
final class Location {
    static final String CLASSPATH = "classpath:";
    static final String FILESYSTEM = "filesystem:";

    private final boolean classpath;
    private final String path;

    private Location(boolean classpath, String path) {
        this.classpath = classpath;
        this.path = path;
    }

    /** A location without a prefix is on the classpath, as in Flyway. */
    public static Location parse(String text) {
        if (text.startsWith(FILESYSTEM)) {
            return new Location(false, text.substring(FILESYSTEM.length()));
        }
        String path = text.startsWith(CLASSPATH) ? text.substring(CLASSPATH.length()) : text;
        return new Location(true, trimSlashes(path));
    }

    private static String trimSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }

    public boolean isClasspath() {
        return classpath;
    }

    /** The resource path ({@code db/migration}) or file-system path. */
    public String path() {
        return path;
    }

    @Override
    public String toString() {
        return (classpath ? CLASSPATH : FILESYSTEM) + path;
    }
}
