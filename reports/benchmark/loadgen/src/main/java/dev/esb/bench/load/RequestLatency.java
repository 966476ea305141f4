package dev.esb.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Request/response latency at a fixed rate: {@code connections} echo connections, requests of {@code size}
 * bytes sent on a fixed schedule whatever the answers do (open loop), and each latency measured from the time
 * the request was due, not from when it went out, so a stall counts for every request it delayed. The first
 * second is warm-up and not recorded.
 */
final class RequestLatency {
    private static final long WARM_UP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ByteBuf request;
    private final int size;
    private final long[] samples;
    private int count;
    private long errors;
    private int callers;
    private int drainedCallers;

    private RequestLatency(int size, int capacity) {
        this.size = size;
        this.request = Unpooled.unreleasableBuffer(Unpooled.directBuffer(size).writeZero(size));
        this.samples = new long[capacity];
    }

    static String measure(EventLoopGroup group, InetSocketAddress target, double seconds, int rate,
            int connections, int size) throws Exception {
        EventLoop loop = group.next();
        long totalNanos = (long) (seconds * 1e9);
        RequestLatency run = new RequestLatency(size, (int) (rate * seconds) + 1024);

        run.callers = connections;
        List<Channel> channels = new ArrayList<>();
        List<Caller> callers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Caller caller = run.new Caller();
            channels.add(new Bootstrap()
                    .group(loop)
                    .channel(EpollSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(caller)
                    .connect(target)
                    .sync()
                    .channel());
            callers.add(caller);
        }

        // All callers share one event loop, so the schedule and the samples need no locking.
        long periodNanos = 1_000_000_000L * connections / rate;
        CompletableFuture<Void> finished = new CompletableFuture<>();
        loop.execute(() -> {
            long start = System.nanoTime();
            for (int i = 0; i < connections; i++) {
                long offset = periodNanos * i / connections;
                callers.get(i).begin(channels.get(i), start, start + offset, periodNanos, totalNanos, finished);
            }
        });
        finished.get((long) seconds + 30, TimeUnit.SECONDS);
        for (Channel channel : channels) {
            channel.close().sync();
        }
        return loop.submit(run::summary).get();
    }

    private String summary() {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return String.format(Locale.ROOT,
                "{\"samples\":%d,\"errors\":%d,\"p50_us\":%.1f,\"p99_us\":%.1f,\"p999_us\":%.1f,\"max_us\":%.1f}",
                count, errors, micros(sorted, 0.50), micros(sorted, 0.99), micros(sorted, 0.999),
                count == 0 ? 0.0 : sorted[count - 1] / 1e3);
    }

    private static double micros(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0.0;
        }
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e3;
    }

    /** One connection: sends on its schedule, matches echoed bytes to the oldest request still open. */
    private final class Caller extends ChannelInboundHandlerAdapter {
        private final ArrayDeque<Long> due = new ArrayDeque<>();
        private long runStart;
        private long endNanos;
        private long received;
        private boolean sending = true;
        private CompletableFuture<Void> finished;

        void begin(Channel channel, long start, long first, long period, long total,
                CompletableFuture<Void> done) {
            this.runStart = start;
            this.endNanos = start + total;
            this.finished = done;
            send(channel, first, period);
        }

        private void send(Channel channel, long dueAt, long period) {
            if (dueAt >= endNanos || !channel.isActive()) {
                sending = false;
                finishIfDrained();
                return;
            }
            due.add(dueAt);
            channel.writeAndFlush(request.duplicate(), channel.voidPromise());

            long next = dueAt + period;
            long wait = next - System.nanoTime();
            if (wait <= 0) {
                channel.eventLoop().execute(() -> send(channel, next, period));
            } else {
                channel.eventLoop().schedule(() -> send(channel, next, period), wait, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf data = (ByteBuf) msg;
            received += data.readableBytes();
            data.release();
            long now = System.nanoTime();
            while (received >= size && !due.isEmpty()) {
                received -= size;
                long dueAt = due.poll();
                if (dueAt - runStart >= WARM_UP_NANOS && count < samples.length) {
                    samples[count++] = now - dueAt;
                }
            }
            finishIfDrained();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors++;
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            errors += due.size();
            due.clear();
            sending = false;
            finishIfDrained();
        }

        private void finishIfDrained() {
            if (!sending && due.isEmpty() && finished != null) {
                drainedCallers++;
                if (drainedCallers == callers) {
                    finished.complete(null);
                }
                finished = null;
            }
        }
    }
}
