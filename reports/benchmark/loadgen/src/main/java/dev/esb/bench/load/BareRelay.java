package dev.esb.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The least a Netty NIO relay with half-close can do, on one I/O thread: no DNS, no logging, no limits, no timers,
 * no metrics. It is not a proxy anyone should run; the benchmark measures it as the floor that any proxy built on
 * Netty's NIO transport starts from, so that local-proxy's own cost per connection can be told apart from Netty's.
 */
final class BareRelay {
    private BareRelay() {
    }

    /** Relays {@code routes[i]} to {@code routes[i + 1]} for each pair, all on one thread, until killed. */
    static void run(List<InetSocketAddress> routes) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("relay"),
                NioIoHandler.newFactory());
        Channel last = null;
        for (int i = 0; i + 1 < routes.size(); i += 2) {
            last = bind(group, routes.get(i), routes.get(i + 1));
        }
        last.closeFuture().sync();
    }

    private static Channel bind(EventLoopGroup group, InetSocketAddress listen, InetSocketAddress backend)
            throws InterruptedException {
        return new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel client) {
                        client.pipeline().addLast(new ClientSide(backend));
                    }
                })
                .bind(listen).sync().channel();
    }

    /** Relays one side's bytes and FIN to its peer. */
    private static class Side extends ChannelInboundHandlerAdapter {
        Channel peer;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            peer.write(msg, peer.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            peer.flush();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (!(evt instanceof ChannelInputShutdownEvent)) {
                return;
            }
            if (((DuplexChannel) peer).isInputShutdown()) {
                ctx.channel().close();
                peer.close();
            } else {
                ((DuplexChannel) peer).shutdownOutput();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (peer != null) {
                peer.close();
            }
        }
    }

    private static final class ClientSide extends Side {
        private final InetSocketAddress backend;

        ClientSide(InetSocketAddress backend) {
            this.backend = backend;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel client = ctx.channel();
            Side backendSide = new Side();
            backendSide.peer = client;
            ChannelFuture connect = new Bootstrap()
                    .group(client.eventLoop())
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.AUTO_READ, false)
                    .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .handler(backendSide)
                    .connect(backend);
            peer = connect.channel();
            connect.addListener(done -> {
                if (!done.isSuccess()) {
                    client.close();
                    return;
                }
                client.config().setAutoRead(true);
                peer.config().setAutoRead(true);
            });
        }
    }
}
