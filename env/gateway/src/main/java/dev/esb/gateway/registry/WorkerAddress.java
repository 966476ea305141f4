package dev.esb.gateway.registry;

import java.util.regex.Pattern;

/**
 * Where a worker's Runtime Interface Emulator listens, such as {@code 10.88.0.5:8080}.
 *
 * @param host an IPv4 address or a host name
 * @param port the emulator's port
 */
public record WorkerAddress(String host, int port) {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})");

    /**
     * Parses {@code host:port}.
     *
     * @throws IllegalArgumentException naming the value and what was expected
     */
    public static WorkerAddress parse(String field, String value) {
        String expected = "' (expected: host:port with a port 1-65535, e.g. 10.88.0.5:8080)";
        int colon = value == null ? -1 : value.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(field + ": '" + value + expected);
        }
        String host = value.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": '" + value + expected);
        }
        if (!HOST.matcher(host).matches() || port < 1 || port > 65_535) {
            throw new IllegalArgumentException(field + ": '" + value + expected);
        }
        return new WorkerAddress(host, port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
