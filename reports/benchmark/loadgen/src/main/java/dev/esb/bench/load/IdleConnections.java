package dev.esb.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.util.AttributeKey;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Holds many idle connections open, e.g. to read a proxy's memory with 1,000 of them. Each one exchanges a
 * 16-byte echo first, so through a proxy its backend connection is known to be up before it counts as open.
 */
final class IdleConnections {
    private static final int PROBE_BYTES = 16;
    private static final int CONNECTS_IN_FLIGHT = 128;
    private static final AttributeKey<Integer> RECEIVED = AttributeKey.valueOf("idle-probe-received");

    private final EventLoopGroup group;
    private final List<Channel> open = new ArrayList<>();

    IdleConnections(EventLoopGroup group) {
        this.group = group;
    }

    String open(InetSocketAddress target, int count) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(count);
        Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(EpollSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new Probe(ready, inFlight));

        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            Channel channel = bootstrap.connect(target).channel();
            synchronized (open) {
                open.add(channel);
            }
        }
        boolean all = ready.await(30, TimeUnit.SECONDS);
        long active;
        synchronized (open) {
            active = open.stream().filter(Channel::isActive).count();
        }
        return String.format(Locale.ROOT, "{\"open\":%d,\"ready\":%b}", active, all);
    }

    String close() throws InterruptedException {
        List<Channel> closing;
        synchronized (open) {
            closing = new ArrayList<>(open);
            open.clear();
        }
        for (Channel channel : closing) {
            channel.close().await();
        }
        return "{\"closed\":" + closing.size() + "}";
    }

    @Sharable
    private static final class Probe extends ChannelInboundHandlerAdapter {
        private final CountDownLatch ready;
        private final Semaphore inFlight;

        Probe(CountDownLatch ready, Semaphore inFlight) {
            this.ready = ready;
            this.inFlight = inFlight;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[PROBE_BYTES]), ctx.voidPromise());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf data = (ByteBuf) msg;
            int bytes = data.readableBytes();
            data.release();
            Integer seen = ctx.channel().attr(RECEIVED).get();
            int total = (seen == null ? 0 : seen) + bytes;
            ctx.channel().attr(RECEIVED).set(total);
            if (total >= PROBE_BYTES && total - bytes < PROBE_BYTES) {
                inFlight.release();
                ready.countDown();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            Integer seen = ctx.channel().attr(RECEIVED).get();
            if (seen == null || seen < PROBE_BYTES) {
                inFlight.release();
            }
        }
    }
}
