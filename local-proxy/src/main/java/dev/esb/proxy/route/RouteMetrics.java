package dev.esb.proxy.route;

import dev.esb.proxy.resolve.ResolveObserver;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one route, read by the admin listener's {@code /metrics}. */
public final class RouteMetrics implements ResolveObserver {
    /** Upper bounds, in seconds, of the resolve latency histogram buckets. */
    public static final double[] RESOLVE_BUCKETS = {0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5};

    private final AtomicLong active = new AtomicLong();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder bytesToBackend = new LongAdder();
    private final LongAdder bytesToClient = new LongAdder();
    private final LongAdder connectFailures = new LongAdder();
    private final LongAdder resolveFailures = new LongAdder();
    private final LongAdder resolveCount = new LongAdder();
    private final LongAdder resolveNanos = new LongAdder();
    private final LongAdder[] resolveBuckets = new LongAdder[RESOLVE_BUCKETS.length];

    RouteMetrics() {
        for (int i = 0; i < resolveBuckets.length; i++) {
            resolveBuckets[i] = new LongAdder();
        }
    }

    @Override
    public void resolved(String host, List<InetAddress> addresses, long nanos) {
        observeResolve(nanos);
    }

    @Override
    public void failed(String host, Throwable cause, long nanos) {
        resolveFailures.increment();
        observeResolve(nanos);
    }

    private void observeResolve(long nanos) {
        resolveCount.increment();
        resolveNanos.add(nanos);
        double seconds = nanos / 1e9;
        for (int i = 0; i < RESOLVE_BUCKETS.length; i++) {
            if (seconds <= RESOLVE_BUCKETS[i]) {
                resolveBuckets[i].increment();
            }
        }
    }

    void opened() {
        active.incrementAndGet();
        accepted.increment();
    }

    void finished() {
        active.decrementAndGet();
    }

    void rejected() {
        accepted.increment();
        rejected.increment();
    }

    void toBackend(long bytes) {
        bytesToBackend.add(bytes);
    }

    void toClient(long bytes) {
        bytesToClient.add(bytes);
    }

    void connectFailed() {
        connectFailures.increment();
    }

    /** Connections open now. */
    public long active() {
        return active.get();
    }

    /** Connections accepted since start, including rejected ones. */
    public long total() {
        return accepted.sum();
    }

    /** Connections closed at once because the route was at its limit. */
    public long rejectedTotal() {
        return rejected.sum();
    }

    /** Bytes read from clients and written to backends. */
    public long bytesToBackend() {
        return bytesToBackend.sum();
    }

    /** Bytes read from backends and written to clients. */
    public long bytesToClient() {
        return bytesToClient.sum();
    }

    /** Failed connect attempts, each retry counted. */
    public long connectFailures() {
        return connectFailures.sum();
    }

    /** Failed DNS lookups. */
    public long resolveFailures() {
        return resolveFailures.sum();
    }

    /** DNS lookups, failed or not. */
    public long resolveCount() {
        return resolveCount.sum();
    }

    /** Sum of DNS lookup durations, in seconds. */
    public double resolveSeconds() {
        return resolveNanos.sum() / 1e9;
    }

    /** Lookups at most as slow as {@code RESOLVE_BUCKETS[index]}. */
    public long resolveBucket(int index) {
        return resolveBuckets[index].sum();
    }
}
