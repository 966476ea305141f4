package dev.esb.proxy;

import dev.esb.proxy.admin.AdminServer;
import dev.esb.proxy.config.Addresses;
import dev.esb.proxy.config.ProxyConfig;
import dev.esb.proxy.config.Route;
import dev.esb.proxy.resolve.DnsNameLookup;
import dev.esb.proxy.route.RouteRuntime;
import dev.esb.proxy.transport.Transport;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A running proxy: every route bound, the admin listener bound, backend names being resolved.
 * {@link #start} binds everything or nothing; {@link #drain} stops it.
 */
public final class LocalProxy implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalProxy.class);
    private static final long DRAIN_POLL_MILLIS = 20;
    private static final Duration FORCED_CLOSE_WAIT = Duration.ofSeconds(1);

    private final ProxyConfig config;
    private final Transport transport;
    private final EventLoopGroup group;
    private final DnsNameLookup lookup;
    private final List<RouteRuntime> routes;
    private final AdminServer admin;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile boolean draining;

    private LocalProxy(ProxyConfig config, Transport transport, EventLoopGroup group) {
        this.config = config;
        this.transport = transport;
        this.group = group;
        EventLoop dnsLoop = group.next();
        this.lookup = new DnsNameLookup(dnsLoop, config.dns(), transport.datagramChannel(), transport.socketChannel());
        List<RouteRuntime> built = new ArrayList<>();
        for (Route route : config.routes()) {
            built.add(new RouteRuntime(route, config, transport, lookup, dnsLoop));
        }
        this.routes = List.copyOf(built);
        this.admin = new AdminServer(routes, () -> draining);
    }

    /**
     * Binds every route and the admin listener, then starts resolving backend names. A backend name that does
     * not resolve yet is no reason to fail: its route answers with a fast close until the name appears.
     *
     * @throws ProxyStartException when an address cannot be bound; whatever was bound is released first
     */
    public static LocalProxy start(ProxyConfig config) {
        long started = System.nanoTime();
        Transport transport = Transport.select(config.transport());
        int threads = config.effectiveIoThreads();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("local-proxy"),
                transport.ioHandlerFactory());
        LocalProxy proxy = new LocalProxy(config, transport, group);
        try {
            proxy.bindAll();
        } catch (RuntimeException e) {
            proxy.shutdownNow();
            throw e;
        }

        for (RouteRuntime route : proxy.routes) {
            route.startRefreshing(group.next());
            log.info("Route {} listening on {} -> {} (max {} connections)", route.name(),
                    Addresses.format(route.boundAddress().orElseThrow()), route.route().backend(),
                    route.route().maxConnections());
        }
        log.info("Started local-proxy on {} with {} routes and {} I/O threads in {} ms",
                transport.name().toLowerCase(Locale.ROOT), proxy.routes.size(), threads,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return proxy;
    }

    private void bindAll() {
        for (RouteRuntime route : routes) {
            bindOrThrow("route " + route.name() + " listen", route.route().listen(), () -> route.bind(group));
        }
        config.admin().ifPresent(address -> {
            bindOrThrow("admin", address, () -> admin.bind(group, transport, address));
            log.info("Admin listener on http://{}/health and /metrics", Addresses.format(admin.boundAddress()));
        });
    }

    private static void bindOrThrow(String what, InetSocketAddress address,
            Supplier<? extends Future<?>> bind) {
        Future<?> bound = bind.get().awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new ProxyStartException(what + ": '" + Addresses.format(address)
                    + "' (expected: an address this process can bind; " + bound.cause().getMessage() + ")",
                    bound.cause());
        }
    }

    /** Routes at run time, in config order. */
    public List<RouteRuntime> routes() {
        return routes;
    }

    /** The route called {@code name}. */
    public RouteRuntime route(String name) {
        return routes.stream().filter(route -> route.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "route: '" + name + "' (expected: a configured route)"));
    }

    /** The bound admin address, when the admin listener is on. */
    public Optional<InetSocketAddress> adminAddress() {
        return config.admin().map(ignored -> admin.boundAddress());
    }

    /** The transport in use. */
    public Transport transport() {
        return transport;
    }

    /** Whether every route is listening with a known backend address. */
    public boolean ready() {
        return !draining && routes.stream().allMatch(RouteRuntime::ready);
    }

    /**
     * Stops accepting, lets open connections finish for up to {@code grace}, closes what is left and releases
     * every resource. Calls after the first return at once.
     */
    public void drain(Duration grace) {
        synchronized (this) {
            if (draining) {
                return;
            }
            draining = true;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        routes.forEach(RouteRuntime::stopAccepting);
        log.info("Draining: stopped accepting, {} connections open, grace {} ms", openFlows(), grace.toMillis());

        waitForFlows(deadline);
        int left = openFlows();
        if (left > 0) {
            log.info("Grace period over: closing {} connections", left);
            routes.forEach(RouteRuntime::closeFlows);
            waitForFlows(System.nanoTime() + FORCED_CLOSE_WAIT.toNanos());
        }
        shutdownNow();
        log.info("Stopped local-proxy");
    }

    private void waitForFlows(long deadline) {
        while (openFlows() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(DRAIN_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private int openFlows() {
        return routes.stream().mapToInt(RouteRuntime::openFlows).sum();
    }

    private void shutdownNow() {
        draining = true;
        routes.forEach(RouteRuntime::stopAccepting);
        admin.close();
        lookup.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        terminated.countDown();
    }

    /** Blocks until {@link #drain} has finished. */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    /** Closes at once, with no grace period. */
    @Override
    public void close() {
        drain(Duration.ZERO);
    }
}
