package dev.esb.proxy.testing;

import dev.esb.proxy.config.AddressFamily;
import dev.esb.proxy.config.DnsSettings;
import dev.esb.proxy.config.LogLevel;
import dev.esb.proxy.config.ProxyConfig;
import dev.esb.proxy.config.Route;
import dev.esb.proxy.config.TransportKind;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds a {@link ProxyConfig} for in-JVM tests: every listener on an ephemeral loopback port (which the config
 * file format forbids, hence the direct construction), short timeouts, and an optional test DNS server.
 */
public final class TestConfig {
    private final List<Route> routes = new ArrayList<>();
    private Duration connectTimeout = Duration.ofSeconds(1);
    private Duration idleTimeout = Duration.ofMinutes(1);
    private Duration halfCloseTimeout = Duration.ofSeconds(10);
    private Duration ttlCap = Duration.ofSeconds(1);
    private Duration queryTimeout = Duration.ofMillis(500);
    private List<InetSocketAddress> dnsServers = List.of();
    private TransportKind transport = TransportKind.AUTO;
    // 0 is one per CPU, as in production, so that the per-thread listeners are what the tests exercise.
    private int ioThreads;

    /** Adds a route listening on an ephemeral loopback port. */
    public TestConfig route(String name, String backendHost, int backendPort) {
        return route(name, backendHost, backendPort, 10_000);
    }

    /** Adds a route with a connection limit. */
    public TestConfig route(String name, String backendHost, int backendPort, int maxConnections) {
        routes.add(new Route(name, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backendHost,
                backendPort, maxConnections));
        return this;
    }

    /** Adds a route on a given loopback port, e.g. one that another proxy already listens on. */
    public TestConfig routeOn(String name, int listenPort, String backendHost, int backendPort) {
        routes.add(new Route(name, new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort), backendHost,
                backendPort, 10_000));
        return this;
    }

    public TestConfig connectTimeout(Duration value) {
        connectTimeout = value;
        return this;
    }

    public TestConfig idleTimeout(Duration value) {
        idleTimeout = value;
        return this;
    }

    public TestConfig halfCloseTimeout(Duration value) {
        halfCloseTimeout = value;
        return this;
    }

    public TestConfig ttlCap(Duration value) {
        ttlCap = value;
        return this;
    }

    public TestConfig queryTimeout(Duration value) {
        queryTimeout = value;
        return this;
    }

    public TestConfig dns(TestDnsServer server) {
        dnsServers = List.of(server.address());
        return this;
    }

    public TestConfig ioThreads(int value) {
        ioThreads = value;
        return this;
    }

    public TestConfig transport(TransportKind value) {
        transport = value;
        return this;
    }

    public ProxyConfig build() {
        return new ProxyConfig(
                routes,
                Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)),
                connectTimeout,
                idleTimeout,
                halfCloseTimeout,
                Duration.ofSeconds(2),
                new DnsSettings(dnsServers, ttlCap, ttlCap, queryTimeout, AddressFamily.IPV4),
                transport,
                ioThreads,
                LogLevel.INFO);
    }
}
