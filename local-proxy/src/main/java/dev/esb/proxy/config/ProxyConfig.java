package dev.esb.proxy.config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The validated, effective configuration of one proxy process.
 *
 * @param routes           forwarding rules, in file order
 * @param admin            where the admin HTTP listener binds, empty when it is off
 * @param connectTimeout   limit for one TCP connect to a backend
 * @param idleTimeout      close a connection after this long without bytes in either direction; zero means never
 * @param halfCloseTimeout close a connection this long after its first FIN if the other side has not finished;
 *                         zero means never
 * @param drainGrace       how long open connections may continue after a shutdown signal
 * @param dns              name resolution settings
 * @param transport        Netty transport choice
 * @param logLevel         level of the proxy's own loggers
 */
public record ProxyConfig(
        List<Route> routes,
        Optional<InetSocketAddress> admin,
        Duration connectTimeout,
        Duration idleTimeout,
        Duration halfCloseTimeout,
        Duration drainGrace,
        DnsSettings dns,
        TransportKind transport,
        LogLevel logLevel) {
    public ProxyConfig {
        routes = List.copyOf(routes);
    }
}
