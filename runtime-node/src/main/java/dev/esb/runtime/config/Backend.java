package dev.esb.runtime.config;

/**
 * Where local-proxy forwards a service, as a Docker DNS name (or address) and a port.
 *
 * @param host the name resolved through Docker's embedded DNS, such as {@code database}
 * @param port the backend's TCP port
 */
public record Backend(String host, int port) {
    @Override
    public String toString() {
        return host + ":" + port;
    }
}
