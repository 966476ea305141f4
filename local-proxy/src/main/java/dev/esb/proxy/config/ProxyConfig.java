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
 * @param ioThreads        I/O threads, each with its own listening socket per route; 0 means one per CPU
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
        int ioThreads,
        LogLevel logLevel) {
    /** Most I/O threads a configuration may ask for. */
    public static final int MOST_IO_THREADS = 256;

    public ProxyConfig {
        routes = List.copyOf(routes);
    }

    /** The number of I/O threads to start: the configured count, or one per CPU this process may use. */
    public int effectiveIoThreads() {
        return ioThreads == 0 ? Runtime.getRuntime().availableProcessors() : ioThreads;
    }
}
