package dev.esb.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Short connections per second: each of {@code concurrency} slots connects, sends 64 bytes, waits for their
 * echo, closes, and starts over until the time is up. A connection counts once its echo is back and it closed,
 * so through a proxy it includes the proxy's own connect to the backend.
 */
final class ConnectionRate {
    private static final int MESSAGE_BYTES = 64;

    private final Bootstrap bootstrap;
    private final ByteBuf message = Unpooled.unreleasableBuffer(Unpooled.directBuffer(MESSAGE_BYTES)
            .writeZero(MESSAGE_BYTES));
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final long deadline;
    private final CountDownLatch slotsDone;

    private ConnectionRate(EventLoopGroup group, InetSocketAddress target, long deadline, int concurrency) {
        this.deadline = deadline;
        this.slotsDone = new CountDownLatch(concurrency);
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(EpollSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .remoteAddress(target);
    }

    static String measure(EventLoopGroup group, InetSocketAddress target, double seconds, int concurrency)
            throws InterruptedException {
        long start = System.nanoTime();
        ConnectionRate run = new ConnectionRate(group, target, start + (long) (seconds * 1e9), concurrency);
        for (int i = 0; i < concurrency; i++) {
            run.next();
        }

        if (!run.slotsDone.await((long) seconds + 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("cps: slots still busy 30 s after the end of the run");
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return String.format(Locale.ROOT, "{\"connections\":%d,\"errors\":%d,\"seconds\":%.3f,\"rate\":%.1f}",
                run.completed.get(), run.errors.get(), elapsed, run.completed.get() / elapsed);
    }

    private void next() {
        if (System.nanoTime() >= deadline) {
            slotsDone.countDown();
            return;
        }
        bootstrap.clone()
                .handler(new OneExchange())
                .connect()
                .addListener(connect -> {
                    if (!connect.isSuccess()) {
                        errors.incrementAndGet();
                        next();
                    }
                });
    }

    private final class OneExchange extends ChannelInboundHandlerAdapter {
        private int received;
        private boolean done;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(message.duplicate(), ctx.voidPromise());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf data = (ByteBuf) msg;
            received += data.readableBytes();
            data.release();
            if (received >= MESSAGE_BYTES && !done) {
                done = true;
                completed.incrementAndGet();
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!done) {
                errors.incrementAndGet();
            }
            next();
        }
    }
}
