package dev.esb.proxy.resolve;

import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Resolution rules on virtual time: the clock only moves when the test moves it. */
class BackendAddressesTest {
    private static final InetAddress A = address(2);
    private static final InetAddress B = address(3);
    private static final InetAddress C = address(4);

    private final FakeLookup lookup = new FakeLookup();
    private final AtomicLong clock = new AtomicLong();
    private final List<String> observed = new ArrayList<>();
    private final BackendAddresses backend = new BackendAddresses("s3-storage", lookup, ImmediateEventExecutor.INSTANCE,
            clock::get, Duration.ofSeconds(1), Duration.ofSeconds(1), new ResolveObserver() {
                @Override
                public void resolved(String host, List<InetAddress> addresses, long nanos) {
                    observed.add("resolved " + addresses.size());
                }

                @Override
                public void failed(String host, Throwable cause, long nanos) {
                    observed.add("failed");
                }
            });

    private static InetAddress address(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private void advance(long millis) {
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void reusesAnswerWithinTtlCapAndAsksAgainAfterIt() {
        Future<List<InetAddress>> first = backend.addresses();
        lookup.last().setSuccess(List.of(A));
        advance(999);
        Future<List<InetAddress>> cached = backend.addresses();
        advance(2);
        backend.addresses();

        assertThat(first.getNow()).as("first answer").containsExactly(A);
        assertThat(cached.getNow()).as("answer within the cap").containsExactly(A);
        assertThat(lookup.calls).as("lookups: one at start, one once the cap passed").hasSize(2);
        assertThat(observed).as("observer saw the completed lookup").containsExactly("resolved 1");
    }

    @Test
    void coalescesConcurrentLookupsOfOneName() {
        List<Future<List<InetAddress>>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(backend.addresses());
        }

        assertThat(lookup.calls).as("one lookup shared by five callers").hasSize(1);
        assertThat(waiting).as("callers wait for the lookup").noneMatch(Future::isDone);

        lookup.last().setSuccess(List.of(A, B));

        assertThat(waiting).as("every caller gets the answer").allMatch(f -> List.of(A, B).equals(f.getNow()));
    }

    @Test
    void servesLastGoodAnswerWhileDnsIsDown() {
        backend.addresses();
        lookup.last().setSuccess(List.of(A));
        advance(1500);

        Future<List<InetAddress>> duringOutage = backend.addresses();
        lookup.last().setFailure(new UnknownHostException("query timed out"));
        advance(1500);
        Future<List<InetAddress>> stillDown = backend.addresses();

        assertThat(duringOutage.getNow()).as("failed lookup falls back to last good").containsExactly(A);
        assertThat(stillDown.isDone()).as("after a failure callers do not wait for the next lookup").isTrue();
        assertThat(stillDown.getNow()).as("last good while the retry is pending").containsExactly(A);
        assertThat(lookup.calls).as("the retry lookup was still sent").hasSize(3);
        assertThat(backend.snapshot().lastError()).as("health shows the failure").isPresent();
        assertThat(backend.snapshot().usable()).as("route stays usable on last good").isTrue();
    }

    @Test
    void failsFastWithoutAnyAnswerAndCachesTheFailureForTheNegativeCap() {
        Future<List<InetAddress>> first = backend.addresses();
        lookup.last().setFailure(new UnknownHostException("no such name"));
        advance(500);
        Future<List<InetAddress>> cachedFailure = backend.addresses();
        advance(600);
        Future<List<InetAddress>> afterCap = backend.addresses();

        assertThat(first.cause()).as("no address known").isInstanceOf(BackendUnresolvedException.class);
        assertThat(cachedFailure.cause()).as("failure reused within the negative cap")
                .isInstanceOf(BackendUnresolvedException.class);
        assertThat(afterCap.isDone()).as("after the negative cap the name is asked again").isFalse();
        assertThat(lookup.calls).as("lookups").hasSize(2);

        lookup.last().setSuccess(List.of(B));

        assertThat(afterCap.getNow()).as("heals once the name resolves").containsExactly(B);
        assertThat(backend.snapshot().usable()).as("usable after healing").isTrue();
    }

    @Test
    void refreshIgnoresAFreshAnswer() {
        backend.addresses();
        lookup.last().setSuccess(List.of(A));

        Future<List<InetAddress>> refreshed = backend.refresh();
        lookup.last().setSuccess(List.of(B));

        assertThat(lookup.calls).as("refresh looks up although the answer was fresh").hasSize(2);
        assertThat(refreshed.getNow()).as("new answer").containsExactly(B);
        assertThat(backend.addresses().getNow()).as("new answer is cached").containsExactly(B);
    }

    @Test
    void picksAddressesRoundRobin() {
        List<InetAddress> three = List.of(A, B, C);

        List<InetAddress> picked = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            picked.add(backend.pick(three));
        }

        assertThat(picked).as("round-robin order").containsExactly(A, B, C, A, B, C);
        assertThat(backend.pickOther(three, B)).as("another address than the failed one").isNotEqualTo(B);
        assertThat(backend.pickOther(List.of(B), B)).as("the failed address when it is alone").isEqualTo(B);
    }
}
