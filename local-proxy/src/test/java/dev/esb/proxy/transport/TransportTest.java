package dev.esb.proxy.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proxy leaves TCP_NODELAY to Netty's default instead of setting it on each socket; these tests fail if a Netty
 * upgrade stops turning it on, which would add up to 40 ms of Nagle delay to small writes through the proxy.
 */
class TransportTest {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void backendSocketsHaveNagleOff(Transport transport) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        try {
            SocketChannel backend = transport.newSocketChannel();
            group.next().register(backend).syncUninterruptibly();

            assertThat(backend.config().getOption(ChannelOption.TCP_NODELAY))
                    .as("TCP_NODELAY on a new %s backend socket", transport).isTrue();
            backend.close().syncUninterruptibly();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void acceptedSocketsHaveNagleOff(Transport transport) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        CompletableFuture<Boolean> noDelay = new CompletableFuture<>();
        try {
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(transport.serverChannel())
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel accepted) {
                            noDelay.complete(accepted.config().getOption(ChannelOption.TCP_NODELAY));
                            accepted.pipeline().addLast(new ChannelInboundHandlerAdapter());
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .syncUninterruptibly()
                    .channel();
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(),
                    ((InetSocketAddress) server.localAddress()).getPort())) {
                assertThat(noDelay.get(5, TimeUnit.SECONDS))
                        .as("TCP_NODELAY on a socket accepted over %s", transport).isTrue();
            } finally {
                server.close().syncUninterruptibly();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
