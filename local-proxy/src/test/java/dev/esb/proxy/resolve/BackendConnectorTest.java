package dev.esb.proxy.resolve;

import io.netty.channel.ConnectTimeoutException;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class BackendConnectorTest {
    private static final int PORT = 9000;

    private final FakeLookup lookup = new FakeLookup();
    private final BackendAddresses addresses = new BackendAddresses("s3-storage", lookup,
            ImmediateEventExecutor.INSTANCE, new AtomicLong()::get, Duration.ofSeconds(1), Duration.ofSeconds(1),
            ResolveObserver.NONE);
    private final List<InetSocketAddress> failures = new ArrayList<>();
    private final BackendConnector<String> connector = new BackendConnector<>(addresses, PORT,
            (address, cause) -> failures.add(address));
    private final List<InetSocketAddress> dialed = new ArrayList<>();

    private static InetAddress address(int last) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    }

    private Future<BackendConnector.Dialed<String>> connect(InetAddress reachable, Throwable failure) {
        return connector.connect(address -> {
            dialed.add(address);
            return address.getAddress().equals(reachable)
                    ? ImmediateEventExecutor.INSTANCE.newSucceededFuture("connection to " + address.getAddress())
                    : ImmediateEventExecutor.INSTANCE.newFailedFuture(failure);
        }, ImmediateEventExecutor.INSTANCE.newPromise());
    }

    @Test
    void retriesAnotherAddressFromAFreshLookupAfterAFailedConnect() throws Exception {
        InetAddress dead = address(2);
        InetAddress alive = address(3);

        Future<BackendConnector.Dialed<String>> result = connect(alive, new ConnectException("refused"));
        lookup.last().setSuccess(List.of(dead, alive));
        lookup.last().setSuccess(List.of(dead, alive));

        assertThat(result.isSuccess()).as("connected on the retry").isTrue();
        assertThat(dialed).as("round-robin starts at the dead address, the retry skips it")
                .containsExactly(new InetSocketAddress(dead, PORT), new InetSocketAddress(alive, PORT));
        assertThat(failures).as("failed attempt reported").containsExactly(new InetSocketAddress(dead, PORT));
    }

    @Test
    void reResolvesWithoutTheCacheBeforeRetrying() throws Exception {
        InetAddress old = address(2);
        InetAddress moved = address(3);

        Future<BackendConnector.Dialed<String>> result = connect(moved, new ConnectException("refused"));
        lookup.last().setSuccess(List.of(old));
        lookup.last().setSuccess(List.of(moved));

        assertThat(lookup.calls).as("a second lookup although the first answer was fresh").hasSize(2);
        assertThat(result.getNow().address()).as("retry used the new answer")
                .isEqualTo(new InetSocketAddress(moved, PORT));
        assertThat(result.getNow().attempts()).as("attempts").isEqualTo(2);
    }

    @Test
    void retriesTheSameAddressOnceAfterARefusal() throws Exception {
        InetAddress only = address(2);

        Future<BackendConnector.Dialed<String>> result = connect(null, new ConnectException("refused"));
        lookup.last().setSuccess(List.of(only));
        lookup.last().setSuccess(List.of(only));

        assertThat(dialed).as("one retry, then give up").hasSize(2);
        assertThat(result.cause()).as("last connect failure").isInstanceOf(ConnectException.class);
    }

    @Test
    void doesNotRetryTheSameAddressAfterATimeout() throws Exception {
        InetAddress only = address(2);

        Future<BackendConnector.Dialed<String>> result = connect(null, new ConnectTimeoutException("timed out"));
        lookup.last().setSuccess(List.of(only));
        lookup.last().setSuccess(List.of(only));

        assertThat(dialed).as("a second wait for the same dead address is skipped").hasSize(1);
        assertThat(result.cause()).as("the timeout").isInstanceOf(ConnectTimeoutException.class);
    }

    @Test
    void failsAsUnresolvedWhenTheNameHasNoAddress() {
        Future<BackendConnector.Dialed<String>> result = connect(null, new ConnectException("unused"));
        lookup.last().setFailure(new UnknownHostException("NXDOMAIN"));

        assertThat(result.cause()).as("unresolved").isInstanceOf(BackendUnresolvedException.class);
        assertThat(dialed).as("no connect without an address").isEmpty();
    }
}
