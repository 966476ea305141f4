package dev.esb.proxy.transport;

import dev.esb.proxy.config.TransportKind;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.net.StandardSocketOptions;

/**
 * The Netty I/O layer in use.
 *
 * <p>{@code auto} picks NIO although epoll loads here: Netty 4.2.18's epoll transport removes a socket from the
 * epoll set when its interest set becomes empty but keeps it marked as registered, so the next EPOLLOUT
 * registration fails with ENOENT. A half-closed socket (input shut down, nothing pending) hits exactly that as
 * soon as a write has to wait, and the proxy then loses the rest of the response. Epoll stays available as an
 * explicit choice.
 */
public enum Transport {
    EPOLL(EpollServerSocketChannel.class, EpollSocketChannel.class, EpollDatagramChannel.class),
    NIO(NioServerSocketChannel.class, NioSocketChannel.class, NioDatagramChannel.class);

    private final Class<? extends ServerSocketChannel> serverChannel;
    private final Class<? extends SocketChannel> socketChannel;
    private final Class<? extends DatagramChannel> datagramChannel;

    Transport(Class<? extends ServerSocketChannel> serverChannel, Class<? extends SocketChannel> socketChannel,
            Class<? extends DatagramChannel> datagramChannel) {
        this.serverChannel = serverChannel;
        this.socketChannel = socketChannel;
        this.datagramChannel = datagramChannel;
    }

    /**
     * Picks the transport for {@code kind}.
     *
     * @throws IllegalStateException when epoll is required but cannot load
     */
    public static Transport select(TransportKind kind) {
        return switch (kind) {
            case NIO, AUTO -> NIO;
            case EPOLL -> {
                if (!Epoll.isAvailable()) {
                    throw new IllegalStateException("transport: 'epoll' (expected: a loadable native epoll library)",
                            Epoll.unavailabilityCause());
                }
                yield EPOLL;
            }
        };
    }

    /**
     * SO_REUSEPORT, which lets each I/O thread have a listening socket of its own on the same address: the kernel
     * then spreads new connections over the threads, and none is handed from one thread to another.
     */
    public ChannelOption<Boolean> reusePort() {
        return this == EPOLL ? EpollChannelOption.SO_REUSEPORT : NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT);
    }

    /** Creates I/O handlers for an event loop group. */
    public IoHandlerFactory ioHandlerFactory() {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    /** Listening socket class. */
    public Class<? extends ServerSocketChannel> serverChannel() {
        return serverChannel;
    }

    /**
     * A new, unregistered socket for a backend connection. Netty turns TCP_NODELAY on in every socket it creates
     * or accepts, so the proxy does not set it a second time (a syscall per socket); TransportTest holds Netty to
     * that.
     */
    public SocketChannel newSocketChannel() {
        return this == EPOLL ? new EpollSocketChannel() : new NioSocketChannel();
    }

    /** Connected socket class. */
    public Class<? extends SocketChannel> socketChannel() {
        return socketChannel;
    }

    /** UDP socket class, for DNS. */
    public Class<? extends DatagramChannel> datagramChannel() {
        return datagramChannel;
    }
}
