package io.tanhe.server.security.config;

/**
 * A stored configuration version is not as the terminal saved it: its signature does not match, it has
 * none, or its secrets do not decrypt. The terminal does not start on it.
 */
public final class ConfigTamperedException extends RuntimeException {
    private final int version;

    public ConfigTamperedException(int version, String message) {
        super(message);
        this.version = version;
    }

    /** The version that failed the check. */
    public int version() {
        return version;
    }
}
