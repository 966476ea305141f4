package dev.esb.gateway.invoke;

import java.util.function.IntSupplier;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.ssl.SslContext;

/** The pipeline of one HTTPS connection: TLS, HTTP/1.1 with keep-alive, bounded aggregation, routing. */
public final class InvokeChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final SslContext sslContext;
    private final Invoker invoker;
    private final IntSupplier functionCount;

    /**
     * @param sslContext the server's TLS context
     * @param invoker runs the invocations
     * @param functionCount how many functions are registered, for {@code /health}
     */
    public InvokeChannelInitializer(SslContext sslContext, Invoker invoker, IntSupplier functionCount) {
        this.sslContext = sslContext;
        this.invoker = invoker;
        this.functionCount = functionCount;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast("tls", sslContext.newHandler(channel.alloc()))
                .addLast("http", new HttpServerCodec())
                .addLast("keep-alive", new HttpServerKeepAliveHandler())
                .addLast("aggregate", new BoundedRequestAggregator(LambdaError.SYNC_PAYLOAD_LIMIT, invoker))
                .addLast("invoke", new InvokeHandler(invoker, functionCount));
    }
}
