package io.sluice.driver;

/** The driver's version, reported through {@code Driver.getMajorVersion} and {@code getMinorVersion}. */
final class Version {
    static final int MAJOR = 0;
    static final int MINOR = 1;

    private Version() {
    }
}
