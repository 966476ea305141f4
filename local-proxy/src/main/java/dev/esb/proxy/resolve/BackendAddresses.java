package dev.esb.proxy.resolve;

import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.resolver.dns.DnsErrorCauseException;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The current addresses of one backend name.
 *
 * <p>Rules, in the order they are checked when a connection asks for addresses:
 * <ol>
 *   <li>an answer younger than the TTL cap is reused;</li>
 *   <li>a failure younger than the negative cap is reused: the last good answer is served if there is one and
 *       the name was not reported absent (NXDOMAIN), otherwise the connection fails fast;</li>
 *   <li>otherwise a lookup starts, shared by every caller until it completes. If the previous lookup had
 *       failed and a last good answer exists, callers get that answer at once instead of waiting on a DNS
 *       server that is probably still down.</li>
 * </ol>
 * A lookup that fails for any reason but NXDOMAIN keeps the last good answer: while the DNS server is down,
 * backends stay reachable at their last known addresses. NXDOMAIN drops it, because Docker reuses addresses and
 * a removed container's address may soon belong to another one.
 *
 * <p>Thread-safe; lookups may complete on any thread.
 */
public final class BackendAddresses {
    private static final Logger log = LoggerFactory.getLogger(BackendAddresses.class);

    private final String host;
    private final NameLookup lookup;
    private final EventExecutor executor;
    private final LongSupplier nanoClock;
    private final long ttlCapNanos;
    private final long negativeTtlCapNanos;
    private final ResolveObserver observer;

    private List<InetAddress> lastGood = List.of();
    private long answeredAt;
    private Throwable lastFailure;
    private long failedAt;
    private boolean nameAbsent;
    private Future<List<InetAddress>> inFlight;
    private int rotation;

    /**
     * Creates the view of one name; nothing is looked up until {@link #addresses()} or {@link #refresh()}.
     *
     * @param host           DNS name or IP literal
     * @param lookup         how to ask DNS
     * @param executor       where returned futures notify their listeners
     * @param nanoClock      monotonic clock, {@link System#nanoTime()} outside tests
     * @param ttlCap         longest reuse of an answer
     * @param negativeTtlCap longest reuse of a failure
     * @param observer       told about every lookup
     */
    public BackendAddresses(String host, NameLookup lookup, EventExecutor executor, LongSupplier nanoClock,
            Duration ttlCap, Duration negativeTtlCap, ResolveObserver observer) {
        this.host = host;
        this.lookup = lookup;
        this.executor = executor;
        this.nanoClock = nanoClock;
        this.ttlCapNanos = ttlCap.toNanos();
        this.negativeTtlCapNanos = negativeTtlCap.toNanos();
        this.observer = observer;
    }

    /** The name this view resolves. */
    public String host() {
        return host;
    }

    /** Addresses for a new connection, following the rules in the type comment. */
    public Future<List<InetAddress>> addresses() {
        Future<List<InetAddress>> pending;
        synchronized (this) {
            long now = nanoClock.getAsLong();
            if (lastFailure == null && !lastGood.isEmpty() && now - answeredAt < ttlCapNanos) {
                return executor.newSucceededFuture(lastGood);
            }
            if (lastFailure != null && now - failedAt < negativeTtlCapNanos) {
                return fallback(lastFailure);
            }

            boolean dnsWasDown = lastFailure != null && hasFallback();
            pending = startLookup();
            if (dnsWasDown && !pending.isDone()) {
                return executor.newSucceededFuture(lastGood);
            }
        }
        return withFallback(pending);
    }

    /** Looks the name up again, ignoring any cached answer; used after a failed connect. */
    public Future<List<InetAddress>> refresh() {
        Future<List<InetAddress>> pending;
        synchronized (this) {
            pending = startLookup();
        }
        return withFallback(pending);
    }

    /** Round-robin choice among {@code addresses}. */
    public synchronized InetAddress pick(List<InetAddress> addresses) {
        return addresses.get(Math.floorMod(rotation++, addresses.size()));
    }

    /** Round-robin choice among {@code addresses} other than {@code failed}; {@code failed} when it is alone. */
    public synchronized InetAddress pickOther(List<InetAddress> addresses, InetAddress failed) {
        List<InetAddress> others = new ArrayList<>(addresses);
        others.remove(failed);
        return others.isEmpty() ? failed : others.get(Math.floorMod(rotation++, others.size()));
    }

    /** What is known right now, for health reporting. */
    public synchronized Snapshot snapshot() {
        Optional<String> error = Optional.ofNullable(lastFailure).map(BackendAddresses::describe);
        return new Snapshot(nameAbsent ? List.of() : lastGood, hasFallback(), error);
    }

    /**
     * A view of one backend name.
     *
     * @param addresses last good addresses, empty when none is known or the name is gone
     * @param usable    whether a connection would get an address now
     * @param lastError why the latest lookup failed, empty when it succeeded
     */
    public record Snapshot(List<InetAddress> addresses, boolean usable, Optional<String> lastError) {
    }

    private Future<List<InetAddress>> startLookup() {
        if (inFlight != null) {
            return inFlight;
        }
        long start = nanoClock.getAsLong();
        Future<List<InetAddress>> started = lookup.lookup(host);
        inFlight = started;
        started.addListener(done -> complete(started, start));
        return started;
    }

    private void complete(Future<List<InetAddress>> done, long start) {
        long now = nanoClock.getAsLong();
        List<InetAddress> previous;
        boolean previouslyFailed;
        boolean keeping;
        synchronized (this) {
            if (inFlight == done) {
                inFlight = null;
            }
            previous = lastGood;
            previouslyFailed = lastFailure != null;
            if (done.isSuccess() && !done.getNow().isEmpty()) {
                lastGood = done.getNow();
                answeredAt = now;
                lastFailure = null;
                nameAbsent = false;
            } else {
                lastFailure = done.isSuccess() ? new IllegalStateException("empty answer") : done.cause();
                failedAt = now;
                nameAbsent = isNameAbsent(lastFailure);
                if (nameAbsent) {
                    lastGood = List.of();
                }
            }
            keeping = hasFallback();
        }

        if (done.isSuccess() && !done.getNow().isEmpty()) {
            observer.resolved(host, done.getNow(), now - start);
            logAnswer(previous, previouslyFailed, done.getNow());
        } else {
            observer.failed(host, lastFailureOrEmpty(done), now - start);
            logFailure(previous, previouslyFailed, keeping, done);
        }
    }

    private static Throwable lastFailureOrEmpty(Future<?> done) {
        return done.isSuccess() ? new IllegalStateException("empty answer") : done.cause();
    }

    private void logAnswer(List<InetAddress> previous, boolean previouslyFailed, List<InetAddress> current) {
        if (!previous.equals(current) || previouslyFailed) {
            log.info("Resolved {} to {}", host, ips(current));
        } else {
            log.debug("Resolved {} to {} again", host, ips(current));
        }
    }

    private void logFailure(List<InetAddress> previous, boolean previouslyFailed, boolean keeping, Future<?> done) {
        if (previouslyFailed) {
            log.debug("Failed to resolve {} again: {}", host, describe(lastFailureOrEmpty(done)));
            return;
        }
        String fallback = keeping ? "; keeping last good " + ips(previous) : "";
        log.warn("Failed to resolve {}{}: {}", host, fallback, describe(lastFailureOrEmpty(done)));
    }

    private Future<List<InetAddress>> withFallback(Future<List<InetAddress>> pending) {
        Promise<List<InetAddress>> result = executor.newPromise();
        pending.addListener(done -> {
            if (done.isSuccess() && !pending.getNow().isEmpty()) {
                result.trySuccess(pending.getNow());
                return;
            }
            Future<List<InetAddress>> fallback;
            synchronized (this) {
                fallback = fallback(lastFailureOrEmpty(pending));
            }
            fallback.addListener(f -> {
                if (f.isSuccess()) {
                    result.trySuccess(fallback.getNow());
                } else {
                    result.tryFailure(f.cause());
                }
            });
        });
        return result;
    }

    private Future<List<InetAddress>> fallback(Throwable cause) {
        if (hasFallback()) {
            return executor.newSucceededFuture(lastGood);
        }
        return executor.newFailedFuture(new BackendUnresolvedException(host, cause));
    }

    private boolean hasFallback() {
        return !lastGood.isEmpty() && !nameAbsent;
    }

    /** Whether the DNS server said the name does not exist, as opposed to not answering. */
    static boolean isNameAbsent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DnsErrorCauseException dns && DnsResponseCode.NXDOMAIN.equals(dns.getCode())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static List<String> ips(List<InetAddress> addresses) {
        return addresses.stream().map(NetUtil::toAddressString).toList();
    }

    /** A failure as one line: its message and, when it has one, its cause's message. */
    public static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        Throwable cause = failure.getCause();
        if (cause != null && cause != failure && cause.getMessage() != null) {
            text.append(" (").append(cause.getMessage()).append(')');
        }
        return text.toString();
    }
}
