package dev.esb.gateway.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;

/**
 * Counts failures of one kind and reports them at warn, at most once per interval, with the number of failures
 * that were not reported since; a backend that is down must not flood the gateway's own log.
 */
public final class FailureCounter {
    private final Logger log;
    private final String action;
    private final long intervalNanos;
    private final LongAdder total = new LongAdder();
    private final AtomicLong lastReport = new AtomicLong();
    private final AtomicLong unreported = new AtomicLong();

    /**
     * @param log where to report
     * @param action what failed, completing "Failed to ...", such as {@code ship access logs to http://...}
     * @param interval the shortest time between two reports
     */
    public FailureCounter(Logger log, String action, Duration interval) {
        this.log = log;
        this.action = action;
        this.intervalNanos = interval.toNanos();
        this.lastReport.set(System.nanoTime() - intervalNanos);
    }

    /** Counts one failure and reports it unless another report was made within the interval. */
    public void record(String detail, Throwable cause) {
        total.increment();
        long now = System.nanoTime();
        long last = lastReport.get();
        if (now - last < intervalNanos || !lastReport.compareAndSet(last, now)) {
            unreported.incrementAndGet();
            log.debug("Failed to {}: {}", action, detail, cause);
            return;
        }
        long suppressed = unreported.getAndSet(0);
        log.warn("Failed to {}: {} ({} similar failures not reported since the last warning)", action, detail,
                suppressed, cause);
    }

    /** Failures counted since start. */
    public long total() {
        return total.sum();
    }
}
