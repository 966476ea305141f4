package dev.esb.proxy.route;

import dev.esb.proxy.config.ProxyConfig;
import dev.esb.proxy.config.Route;
import dev.esb.proxy.resolve.BackendAddresses;
import dev.esb.proxy.resolve.BackendConnector;
import dev.esb.proxy.resolve.BackendConnector.Dialed;
import dev.esb.proxy.resolve.NameLookup;
import dev.esb.proxy.resolve.ResolveObserver;
import dev.esb.proxy.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannelConfig;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** One configured route at run time: its listener, its backend addresses, its open flows and its counters. */
public final class RouteRuntime {
    private static final int ACCEPT_BACKLOG = 1024;

    private final Route route;
    private final ProxyConfig config;
    private final Transport transport;
    private final RouteMetrics metrics = new RouteMetrics();
    private final BackendAddresses addresses;
    private final BackendConnector<Channel> connector;
    private final Set<Flow> flows = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();

    private volatile List<Channel> servers = List.of();
    private volatile boolean stopped;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private ScheduledFuture<?> refresher;

    /**
     * Prepares a route; nothing is bound until {@link #bind}.
     *
     * @param route     the rule
     * @param config    global timeouts and DNS caps
     * @param transport Netty transport
     * @param lookup    DNS lookups
     * @param executor  event loop used for resolution futures
     */
    public RouteRuntime(Route route, ProxyConfig config, Transport transport, NameLookup lookup, EventLoop executor) {
        this.route = route;
        this.config = config;
        this.transport = transport;
        ResolveObserver observer = new ResolveObserver() {
            @Override
            public void resolved(String host, List<InetAddress> found, long nanos) {
                metrics.resolved(host, found, nanos);
            }

            @Override
            public void failed(String host, Throwable cause, long nanos) {
                metrics.failed(host, cause, nanos);
                recordError(cause);
            }
        };
        this.addresses = new BackendAddresses(route.backendHost(), lookup, executor, System::nanoTime,
                config.dns().ttlCap(), config.dns().negativeTtlCap(), observer);
        this.connector = new BackendConnector<>(addresses, route.backendPort(), (address, cause) -> {
            metrics.connectFailed();
            recordError(cause);
        });
    }

    /**
     * Binds the listen address, with one listening socket per I/O thread when there are several (SO_REUSEPORT):
     * each connection is then accepted and relayed by one thread, with no hand-off between threads. The future
     * fails when the address cannot be bound, and then nothing stays bound.
     */
    public Future<?> bind(EventLoopGroup group) {
        List<EventLoop> loops = new ArrayList<>();
        group.forEach(executor -> loops.add((EventLoop) executor));
        boolean shared = loops.size() > 1;
        InetSocketAddress address = route.listen();
        if (shared) {
            try {
                address = claimable(address);
            } catch (IOException e) {
                return ImmediateEventExecutor.INSTANCE.newFailedFuture(e);
            }
        }

        ChannelInitializer<Channel> accept = acceptor();
        List<Channel> bound = new ArrayList<>();
        for (EventLoop loop : loops) {
            ServerBootstrap listener = new ServerBootstrap()
                    .group(loop, loop)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childHandler(accept);
            if (shared) {
                listener.option(transport.reusePort(), true);
            }
            ChannelFuture done = listener.bind(address).awaitUninterruptibly();
            if (!done.isSuccess()) {
                bound.forEach(channel -> channel.close().syncUninterruptibly());
                return done;
            }
            bound.add(done.channel());
        }
        servers = List.copyOf(bound);
        return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
    }

    /**
     * Checks that {@code address} is free with a plain bind and returns it with the port it got. SO_REUSEPORT alone
     * would let a second proxy on the same address start and silently take half of its connections.
     */
    private static InetSocketAddress claimable(InetSocketAddress address) throws IOException {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(address);
            return new InetSocketAddress(address.getAddress(), ((InetSocketAddress) probe.getLocalAddress()).getPort());
        }
    }

    private ChannelInitializer<Channel> acceptor() {
        Duration idle = config.idleTimeout();
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel client) {
                Flow flow = new Flow(RouteRuntime.this, client);
                if (!admit(flow)) {
                    return;
                }
                if (!idle.isZero()) {
                    client.pipeline().addLast(new IdleStateHandler(true, 0, 0, idle.toNanos(), TimeUnit.NANOSECONDS));
                }
                client.pipeline().addLast(new FlowHandler(flow, true));
            }
        };
    }

    /** Starts resolving the backend now and then once per TTL cap, so health stays current without traffic. */
    public void startRefreshing(EventLoop loop) {
        long interval = Math.max(config.dns().ttlCap().toMillis(), 200);
        refresher = loop.scheduleWithFixedDelay(addresses::addresses, 0, interval, TimeUnit.MILLISECONDS);
    }

    /** Closes the listeners; open flows continue. */
    public void stopAccepting() {
        stopped = true;
        if (refresher != null) {
            refresher.cancel(false);
        }
        servers.forEach(listener -> listener.close().syncUninterruptibly());
    }

    /** Ends every open flow at once. */
    public void closeFlows() {
        for (Flow flow : flows) {
            flow.client().eventLoop().execute(flow::drain);
        }
    }

    private boolean admit(Flow flow) {
        if (open.incrementAndGet() > route.maxConnections()) {
            open.decrementAndGet();
            metrics.rejected();
            flow.reject(FlowOutcome.LIMIT);
            return false;
        }
        flows.add(flow);
        metrics.opened();
        return true;
    }

    Future<Dialed<Channel>> connect(Flow flow) {
        EventLoop loop = flow.client().eventLoop();
        Promise<Dialed<Channel>> result = loop.newPromise();
        return connector.connect(address -> dial(flow, loop, address), result);
    }

    // The backend socket is built by hand rather than by a Bootstrap: a Bootstrap per flow would copy its option
    // map and add and remove an initializer for every backend socket, although the options never change.
    private Future<Channel> dial(Flow flow, EventLoop loop, InetSocketAddress address) {
        Channel backend = transport.newSocketChannel();
        SocketChannelConfig options = (SocketChannelConfig) backend.config();
        options.setConnectTimeoutMillis((int) config.connectTimeout().toMillis());
        options.setAutoRead(false);
        options.setAllowHalfClosure(true);
        backend.pipeline().addLast(new FlowHandler(flow, false));

        Promise<Channel> dialed = loop.newPromise();
        loop.register(backend).addListener(registered -> {
            if (!registered.isSuccess()) {
                backend.unsafe().closeForcibly();
                dialed.tryFailure(registered.cause());
                return;
            }
            backend.connect(address).addListener(done -> {
                if (done.isSuccess()) {
                    dialed.trySuccess(backend);
                } else {
                    dialed.tryFailure(done.cause());
                }
            });
        });
        return dialed;
    }

    void finished(Flow flow) {
        if (flows.remove(flow)) {
            open.decrementAndGet();
            metrics.finished();
        }
    }

    void recordError(Throwable cause) {
        lastError = cause.getMessage() == null ? cause.toString() : BackendAddresses.describe(cause);
        lastErrorAt = Instant.now();
    }

    Duration halfCloseTimeout() {
        return config.halfCloseTimeout();
    }

    /** Route name. */
    public String name() {
        return route.name();
    }

    /** The configured rule. */
    public Route route() {
        return route;
    }

    /** Counters. */
    public RouteMetrics metrics() {
        return metrics;
    }

    /** Whether the listeners are bound and accepting. */
    public boolean listening() {
        List<Channel> bound = servers;
        return !stopped && !bound.isEmpty() && bound.stream().allMatch(Channel::isActive);
    }

    /** The bound listen address (differs from the configured one when it asked for port 0). */
    public Optional<InetSocketAddress> boundAddress() {
        List<Channel> bound = servers;
        return bound.isEmpty() || bound.get(0).localAddress() == null
                ? Optional.empty()
                : Optional.of((InetSocketAddress) bound.get(0).localAddress());
    }

    /** What the resolver knows about the backend name. */
    public BackendAddresses.Snapshot backendState() {
        return addresses.snapshot();
    }

    /** Whether the route can serve a connection now: listening, with an address for its backend. */
    public boolean ready() {
        return listening() && addresses.snapshot().usable();
    }

    /** Flows open now. */
    public int openFlows() {
        return open.get();
    }

    /** Latest resolve or connect error and when it happened, if any. */
    public Optional<String> lastError() {
        String error = lastError;
        return error == null ? Optional.empty() : Optional.of(lastErrorAt + " " + error);
    }
}
