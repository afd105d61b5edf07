package io.tanhe.drivers;

/**
 * A point or device configuration that cannot be used. The message names the bad field by its
 * path in the configuration file (e.g. {@code devices[2].points[5].register}) and says what to do.
 */
public class ConfigException extends RuntimeException {
    private final String field;

    public ConfigException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The path of the offending field in the configuration. */
    public String field() {
        return field;
    }
}
