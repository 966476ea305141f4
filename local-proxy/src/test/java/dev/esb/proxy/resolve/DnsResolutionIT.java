package dev.esb.proxy.resolve;

import dev.esb.proxy.LocalProxy;
import dev.esb.proxy.route.RouteRuntime;
import dev.esb.proxy.testing.Clients;
import dev.esb.proxy.testing.EchoBackend;
import dev.esb.proxy.testing.Resources;
import dev.esb.proxy.testing.TestConfig;
import dev.esb.proxy.testing.TestDnsServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Backend names resolved through a real DNS server on loopback whose answers change mid-test. Backends listen on
 * the same port at 127.0.0.2 and 127.0.0.3 (both loopback on Linux), and greet with their name.
 */
class DnsResolutionIT {
    private static final String NAME = "s3-storage.test";
    private static final Duration TTL_CAP = Duration.ofSeconds(1);

    @RegisterExtension
    final Resources resources = new Resources();
    private TestDnsServer dns;
    private InetAddress first;
    private InetAddress second;
    private int port;

    @BeforeEach
    void startDns() throws Exception {
        dns = resources.track(TestDnsServer.start());
        first = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
        second = InetAddress.getByAddress(new byte[] {127, 0, 0, 3});
    }

    private void startBackends(boolean both) {
        EchoBackend a = resources.track(EchoBackend.greeting(new InetSocketAddress(first, 0), "backend-a"));
        port = a.address().getPort();
        if (both) {
            resources.track(EchoBackend.greeting(new InetSocketAddress(second, port), "backend-b"));
        }
    }

    private LocalProxy proxy() {
        return resources.track(LocalProxy.start(new TestConfig()
                .route("s3", NAME, port)
                .dns(dns)
                .ttlCap(TTL_CAP)
                .queryTimeout(Duration.ofMillis(300))
                .build()));
    }

    /** The greeting of the backend a new connection reaches, or "closed" when the proxy closes it. */
    private static String reach(LocalProxy proxy) throws IOException {
        try (Socket client = Clients.connect(proxy, "s3")) {
            String line = Clients.readLine(client);
            return line == null ? "closed" : line;
        } catch (SocketException reset) {
            return "closed";
        }
    }

    @Test
    void newConnectionsFollowAChangedAnswerWithinTheTtlCap() throws Exception {
        startBackends(true);
        dns.answer(NAME, first);
        LocalProxy proxy = proxy();
        assertThat(reach(proxy)).as("before the change").isEqualTo("backend-a");

        dns.answer(NAME, second);
        long changed = System.nanoTime();
        await("new connections reach the new address despite the 600 s TTL")
                .atMost(TTL_CAP.plusMillis(1500))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> reach(proxy).equals("backend-b"));
        long followedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - changed);

        assertThat(followedMillis).as("time to follow the change, cap 1 s plus refresh").isLessThan(2500L);
        assertThat(reach(proxy)).as("and stays on the new address").isEqualTo("backend-b");
    }

    @Test
    void startsWithAnUnresolvableBackendAndHealsWhenItAppears() throws Exception {
        startBackends(false);
        LocalProxy proxy = proxy();
        RouteRuntime route = proxy.route("s3");

        await("first lookup fails").atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(route.metrics().resolveFailures()).as("resolve failures").isPositive());
        assertThat(route.listening()).as("route listens although its backend does not resolve").isTrue();
        assertThat(route.ready()).as("route not ready").isFalse();
        long start = System.nanoTime();
        assertThat(reach(proxy)).as("connection on an unresolved route").isEqualTo("closed");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("fast close, in ms")
                .isLessThan(1000L);

        dns.answer(NAME, first);

        await("route heals once the name resolves").atMost(Duration.ofSeconds(5))
                .until(() -> reach(proxy).equals("backend-a"));
        assertThat(route.ready()).as("route ready after healing").isTrue();
    }

    @Test
    void keepsTheLastGoodAddressWhileDnsDoesNotAnswer() throws Exception {
        startBackends(false);
        dns.answer(NAME, first);
        LocalProxy proxy = proxy();
        assertThat(reach(proxy)).as("before the outage").isEqualTo("backend-a");
        long failuresBefore = proxy.route("s3").metrics().resolveFailures();

        dns.silent(true);

        await("lookups time out").atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(proxy.route("s3").metrics().resolveFailures()).as("resolve failures")
                        .isGreaterThan(failuresBefore));
        assertThat(reach(proxy)).as("during the outage, via the last good address").isEqualTo("backend-a");
        assertThat(proxy.route("s3").ready()).as("still ready on the last good address").isTrue();
        assertThat(proxy.route("s3").lastError()).as("health names the DNS failure").isPresent();
    }

    @Test
    void dropsTheLastGoodAddressWhenTheNameIsGone() throws Exception {
        startBackends(false);
        dns.answer(NAME, first);
        LocalProxy proxy = proxy();
        assertThat(reach(proxy)).as("before the removal").isEqualTo("backend-a");

        dns.remove(NAME);

        await("NXDOMAIN makes the route unready").atMost(Duration.ofSeconds(5))
                .until(() -> !proxy.route("s3").ready());
        assertThat(reach(proxy)).as("connection after the name is gone").isEqualTo("closed");
    }

    @Test
    void spreadsConnectionsOverSeveralAddresses() throws Exception {
        startBackends(true);
        dns.answer(NAME, first, second);
        LocalProxy proxy = proxy();

        Set<String> reached = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            reached.add(reach(proxy));
        }

        assertThat(reached).as("backends reached round-robin").containsExactlyInAnyOrder("backend-a", "backend-b");
    }

    @Test
    void retriesTheNextAddressAfterAFailedConnect() throws Exception {
        startBackends(false);
        InetAddress dead = InetAddress.getByAddress(new byte[] {127, 0, 0, 4});
        dns.answer(NAME, dead, first);
        LocalProxy proxy = proxy();

        List<String> reached = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            reached.add(reach(proxy));
        }

        assertThat(reached).as("every connection reaches the live address").containsOnly("backend-a");
        assertThat(proxy.route("s3").metrics().connectFailures()).as("failed first attempts at the dead address")
                .isPositive();
    }

    @Test
    void sharesOneLookupAmongConcurrentConnections() throws Exception {
        startBackends(false);
        dns.answer(NAME, first);
        LocalProxy proxy = resources.track(LocalProxy.start(new TestConfig()
                .route("s3", NAME, port)
                .dns(dns)
                .ttlCap(Duration.ofMinutes(1))
                .build()));
        await("first answer").atMost(Duration.ofSeconds(5)).until(() -> proxy.route("s3").ready());
        int queriesBefore = dns.queries(NAME);

        for (int i = 0; i < 20; i++) {
            assertThat(reach(proxy)).as("connection %d", i).isEqualTo("backend-a");
        }

        assertThat(dns.queries(NAME) - queriesBefore).as("queries for 20 connections within the cap").isZero();
    }
}
