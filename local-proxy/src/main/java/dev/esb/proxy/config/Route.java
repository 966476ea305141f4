package dev.esb.proxy.config;

import java.net.InetSocketAddress;

/**
 * One forwarding rule: connections accepted on {@code listen} are relayed to {@code backendHost:backendPort},
 * where the host is a DNS name (or an IP literal) resolved for every new connection.
 *
 * @param name           short route name used in logs, metrics and health
 * @param listen         local address to bind
 * @param backendHost    backend DNS name or IP literal
 * @param backendPort    backend TCP port
 * @param maxConnections open connections allowed at once on this route
 */
public record Route(String name, InetSocketAddress listen, String backendHost, int backendPort, int maxConnections) {
    /** The backend as {@code host:port}, the way it is written in the config file. */
    public String backend() {
        return backendHost + ":" + backendPort;
    }

    /** The listen address as {@code ip:port}. */
    public String listenText() {
        return Addresses.format(listen);
    }
}
