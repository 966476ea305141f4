package dev.esb.proxy.resolve;

import io.netty.channel.ConnectTimeoutException;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Connects to a backend: one attempt at the next round-robin address, and after a failure one more attempt at
 * another address from a fresh lookup.
 *
 * <p>The retry goes to the same address only when the first attempt was refused or reset, which costs little.
 * After a timeout it is skipped when no other address exists, so that a client waits at most about one connect
 * timeout for a dead backend.
 *
 * @param <C> the connection type, a Netty channel outside unit tests
 */
public final class BackendConnector<C> {
    private final BackendAddresses addresses;
    private final int port;
    private final FailureObserver failures;

    /** Connects to one address. */
    @FunctionalInterface
    public interface Dialer<C> {
        /** Starts a connect to {@code address}. */
        Future<C> dial(InetSocketAddress address);
    }

    /** Told about every failed connect attempt. */
    @FunctionalInterface
    public interface FailureObserver {
        /** One attempt at {@code address} failed. */
        void connectFailed(InetSocketAddress address, Throwable cause);
    }

    /**
     * A successful connect.
     *
     * @param connection the connection
     * @param address    the backend address it reached
     * @param attempts   1 for the first try, 2 after a retry
     */
    public record Dialed<C>(C connection, InetSocketAddress address, int attempts) {
    }

    /**
     * Creates a connector for one route's backend.
     *
     * @param addresses where addresses come from
     * @param port      backend port
     * @param failures  told about every failed attempt
     */
    public BackendConnector(BackendAddresses addresses, int port, FailureObserver failures) {
        this.addresses = addresses;
        this.port = port;
        this.failures = failures;
    }

    /**
     * Resolves and connects, completing {@code result} with the connection or with the failure: a
     * {@link BackendUnresolvedException} when no address is known, else the last connect failure.
     */
    public Future<Dialed<C>> connect(Dialer<C> dialer, Promise<Dialed<C>> result) {
        addresses.addresses().addListener(resolved -> {
            if (!resolved.isSuccess()) {
                result.tryFailure(resolved.cause());
                return;
            }
            @SuppressWarnings("unchecked")
            List<InetAddress> list = (List<InetAddress>) resolved.getNow();
            InetSocketAddress first = new InetSocketAddress(addresses.pick(list), port);
            dialer.dial(first).addListener(dialed -> {
                if (dialed.isSuccess()) {
                    result.trySuccess(new Dialed<>(cast(dialed.getNow()), first, 1));
                } else {
                    failures.connectFailed(first, dialed.cause());
                    retry(dialer, first, dialed.cause(), result);
                }
            });
        });
        return result;
    }

    private void retry(Dialer<C> dialer, InetSocketAddress failed, Throwable firstCause, Promise<Dialed<C>> result) {
        addresses.refresh().addListener(resolved -> {
            if (!resolved.isSuccess()) {
                firstCause.addSuppressed(resolved.cause());
                result.tryFailure(firstCause);
                return;
            }
            @SuppressWarnings("unchecked")
            List<InetAddress> list = (List<InetAddress>) resolved.getNow();
            InetAddress next = addresses.pickOther(list, failed.getAddress());
            if (next.equals(failed.getAddress()) && firstCause instanceof ConnectTimeoutException) {
                result.tryFailure(firstCause);
                return;
            }

            InetSocketAddress second = new InetSocketAddress(next, port);
            dialer.dial(second).addListener(dialed -> {
                if (dialed.isSuccess()) {
                    result.trySuccess(new Dialed<>(cast(dialed.getNow()), second, 2));
                } else {
                    failures.connectFailed(second, dialed.cause());
                    result.tryFailure(dialed.cause());
                }
            });
        });
    }

    @SuppressWarnings("unchecked")
    private C cast(Object connection) {
        return (C) connection;
    }
}
