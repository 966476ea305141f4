package dev.esb.proxy.config;

/**
 * A configuration value that cannot be used. The message names the input, quotes the value and says what was
 * expected, for example {@code connect-timeout: '3x' (expected: a duration such as 500ms, 3s or 2m)}.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the complete, user-facing message
     */
    public ConfigException(String message) {
        super(message);
    }

    static ConfigException invalid(String origin, String name, String value, String expected) {
        return new ConfigException(origin + name + ": '" + value + "' (expected: " + expected + ")");
    }
}
