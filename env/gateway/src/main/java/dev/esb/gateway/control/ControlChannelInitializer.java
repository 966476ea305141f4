package dev.esb.gateway.control;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;

import dev.esb.gateway.registry.FunctionRegistry;

/** The pipeline of one control connection: plain HTTP/1.1 with keep-alive and small bodies. */
public final class ControlChannelInitializer extends ChannelInitializer<SocketChannel> {
    private static final int MAX_BODY = 64 * 1024;

    private final FunctionRegistry registry;
    private final MetricsExposition metrics;

    /**
     * @param registry the functions the API changes
     * @param metrics what {@code GET /esb/metrics} shows
     */
    public ControlChannelInitializer(FunctionRegistry registry, MetricsExposition metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast("http", new HttpServerCodec())
                .addLast("keep-alive", new HttpServerKeepAliveHandler())
                .addLast("aggregate", new HttpObjectAggregator(MAX_BODY))
                .addLast("control", new ControlHandler(registry, metrics));
    }
}
