package dev.esb.proxy.admin;

import dev.esb.proxy.route.RouteRuntime;
import dev.esb.proxy.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.BooleanSupplier;

/** The admin HTTP listener: {@code /health} and {@code /metrics}. */
public final class AdminServer {
    private static final int MAX_REQUEST_BYTES = 16 * 1024;
    private static final int READ_TIMEOUT_SECONDS = 30;

    private final List<RouteRuntime> routes;
    private final BooleanSupplier draining;
    private Channel server;

    /**
     * Prepares the listener.
     *
     * @param routes   routes to report on
     * @param draining whether the proxy is shutting down (health then answers 503)
     */
    public AdminServer(List<RouteRuntime> routes, BooleanSupplier draining) {
        this.routes = List.copyOf(routes);
        this.draining = draining;
    }

    /** Binds {@code address}; the future fails when it cannot be bound. */
    public ChannelFuture bind(EventLoopGroup group, Transport transport, InetSocketAddress address) {
        ChannelFuture bound = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline()
                                .addLast(new ReadTimeoutHandler(READ_TIMEOUT_SECONDS))
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                .addLast(new AdminHandler(routes, draining));
                    }
                })
                .bind(address);
        server = bound.channel();
        return bound;
    }

    /** The bound address, once bound. */
    public InetSocketAddress boundAddress() {
        return (InetSocketAddress) server.localAddress();
    }

    /** Closes the listener. */
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
    }
}
