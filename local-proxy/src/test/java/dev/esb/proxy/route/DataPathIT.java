package dev.esb.proxy.route;

import dev.esb.proxy.LocalProxy;
import dev.esb.proxy.config.TransportKind;
import dev.esb.proxy.testing.Clients;
import dev.esb.proxy.testing.EchoBackend;
import dev.esb.proxy.testing.Resources;
import dev.esb.proxy.testing.ScriptedBackend;
import dev.esb.proxy.testing.TestConfig;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The data path over real loopback sockets: bytes, FIN, RST, backpressure, limits and timeouts. */
class DataPathIT {
    private static final String LOOPBACK = "127.0.0.1";

    @RegisterExtension
    final Resources resources = new Resources();

    private LocalProxy proxy(TestConfig config) {
        return resources.track(LocalProxy.start(config.build()));
    }

    @Test
    void forwardsOneGibibyteEachWayByteExact() throws Exception {
        EchoBackend echo = resources.track(EchoBackend.start());
        LocalProxy proxy = proxy(new TestConfig().route("bulk", LOOPBACK, echo.address().getPort()));
        long total = 1L << 30;
        Socket client = resources.track(Clients.connect(proxy, "bulk"));

        CompletableFuture<byte[]> sent = CompletableFuture.supplyAsync(() -> writeBlocks(client, total));
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        long count = 0;
        byte[] buffer = new byte[256 * 1024];
        InputStream in = client.getInputStream();
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            received.update(buffer, 0, n);
            count += n;
        }

        assertThat(count).as("bytes echoed back through the proxy").isEqualTo(total);
        assertThat(received.digest()).as("SHA-256 of the echoed stream equals that of the sent stream")
                .isEqualTo(sent.get(60, TimeUnit.SECONDS));
        await("proxy counts the bulk flow's bytes").atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(proxy.route("bulk").metrics().bytesToBackend()).as("bytes to backend").isEqualTo(total));
        assertThat(proxy.route("bulk").metrics().bytesToClient()).as("bytes to client").isEqualTo(total);
    }

    /** Writes {@code total} bytes of numbered pseudo-random blocks, half-closes, and returns their SHA-256. */
    private static byte[] writeBlocks(Socket socket, long total) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] block = new byte[1 << 20];
            new Random(42).nextBytes(block);
            OutputStream out = socket.getOutputStream();
            for (long index = 0; index * block.length < total; index++) {
                // A block number makes reordered or repeated blocks change the hash.
                ByteBuffer.wrap(block).putLong(index);
                digest.update(block);
                out.write(block);
            }
            socket.shutdownOutput();
            return digest.digest();
        } catch (Exception e) {
            throw new IllegalStateException("Failed to write the bulk stream", e);
        }
    }

    @Test
    void keepsBackendToClientOpenAfterClientFin() throws Exception {
        ScriptedBackend backend = resources.track(ScriptedBackend.start(socket -> {
            byte[] request = socket.getInputStream().readAllBytes();
            socket.getOutputStream().write(("got " + request.length + " bytes").getBytes(StandardCharsets.UTF_8));
        }));
        LocalProxy proxy = proxy(new TestConfig().route("fin", LOOPBACK, backend.port()));
        Socket client = resources.track(Clients.connect(proxy, "fin"));

        Clients.write(client, "hello");
        client.shutdownOutput();

        assertThat(Clients.readToEnd(client)).as("backend answered after seeing the client's FIN")
                .isEqualTo("got 5 bytes");
        assertThat(backend.failures()).as("backend script errors").isEmpty();
    }

    @Test
    void keepsClientToBackendOpenAfterBackendFin() throws Exception {
        CompletableFuture<String> receivedAfterFin = new CompletableFuture<>();
        ScriptedBackend backend = resources.track(ScriptedBackend.start(socket -> {
            socket.getOutputStream().write("banner".getBytes(StandardCharsets.UTF_8));
            socket.shutdownOutput();
            receivedAfterFin.complete(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }));
        LocalProxy proxy = proxy(new TestConfig().route("fin", LOOPBACK, backend.port()));
        Socket client = resources.track(Clients.connect(proxy, "fin"));

        assertThat(Clients.readToEnd(client)).as("client sees the banner, then the backend's FIN").isEqualTo("banner");
        Clients.write(client, "still sending");
        client.shutdownOutput();

        assertThat(receivedAfterFin.get(10, TimeUnit.SECONDS)).as("backend still receives after its own FIN")
                .isEqualTo("still sending");
        await("half-closed flow ends once both sides sent FIN").atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(proxy.route("fin").openFlows()).as("open flows").isZero());
    }

    @Test
    void closesAHalfClosedConnectionAfterTheHalfCloseTimeout() throws Exception {
        CompletableFuture<Void> backendDone = new CompletableFuture<>();
        ScriptedBackend backend = resources.track(ScriptedBackend.start(socket -> {
            socket.getInputStream().readAllBytes();
            // Never answers and never closes: only the proxy's timeout can end this flow.
            backendDone.get(30, TimeUnit.SECONDS);
        }));
        LocalProxy proxy = proxy(new TestConfig().route("hang", LOOPBACK, backend.port())
                .halfCloseTimeout(Duration.ofMillis(400)));
        Socket client = resources.track(Clients.connect(proxy, "hang"));

        Clients.write(client, "request");
        long start = System.nanoTime();
        client.shutdownOutput();
        int read = client.getInputStream().read();
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        backendDone.complete(null);

        assertThat(read).as("client sees the proxy end the flow").isEqualTo(-1);
        assertThat(elapsed).as("ended by the 400 ms half-close timeout").isBetween(350L, 3000L);
    }

    @Test
    void propagatesABackendResetToTheClient() throws Exception {
        ScriptedBackend backend = resources.track(ScriptedBackend.start(socket -> {
            socket.getInputStream().read();
            socket.setSoLinger(true, 0);
        }));
        LocalProxy proxy = proxy(new TestConfig().route("rst", LOOPBACK, backend.port()));
        Socket client = resources.track(Clients.connect(proxy, "rst"));

        Clients.write(client, "x");

        assertThatThrownBy(() -> client.getInputStream().read())
                .as("client read after the backend reset")
                .isInstanceOf(SocketException.class)
                .hasMessageContaining("reset");
    }

    @Test
    void propagatesAClientResetToTheBackend() throws Exception {
        CompletableFuture<Throwable> backendSaw = new CompletableFuture<>();
        ScriptedBackend backend = resources.track(ScriptedBackend.start(socket -> {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write('r');
            try {
                int read = socket.getInputStream().read();
                backendSaw.complete(new IllegalStateException("read returned " + read + " instead of a reset"));
            } catch (IOException e) {
                backendSaw.complete(e);
            }
        }));
        LocalProxy proxy = proxy(new TestConfig().route("rst", LOOPBACK, backend.port()));
        Socket client = Clients.connect(proxy, "rst");
        assertThat(client.getInputStream().read()).as("flow is connected").isEqualTo('r');

        client.setSoLinger(true, 0);
        client.close();

        assertThat(backendSaw.get(10, TimeUnit.SECONDS))
                .as("backend read after the client reset")
                .isInstanceOf(SocketException.class)
                .hasMessageContaining("reset");
    }

    @Test
    void stopsReadingFromTheBackendWhileTheClientDoesNotRead() throws Exception {
        long total = 256L << 20;
        AtomicLong written = new AtomicLong();
        ScriptedBackend backend = resources.track(ScriptedBackend.start(socket -> {
            byte[] chunk = new byte[64 * 1024];
            OutputStream out = socket.getOutputStream();
            while (written.get() < total) {
                out.write(chunk);
                written.addAndGet(chunk.length);
            }
        }));
        LocalProxy proxy = proxy(new TestConfig().route("slow", LOOPBACK, backend.port()));
        Socket client = resources.track(Clients.connect(proxy, "slow"));
        client.setReceiveBufferSize(64 * 1024);
        long bound = 32L << 20;

        await("backend starts streaming").atMost(Duration.ofSeconds(5)).until(() -> written.get() > 0);
        await("backend stays blocked while the client reads nothing")
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> written.get() < bound);
        assertThat(proxyBufferBytes()).as("proxy's pooled buffer memory while the client stalls")
                .isLessThan(bound);

        long read = 0;
        byte[] buffer = new byte[256 * 1024];
        InputStream in = client.getInputStream();
        for (int n = in.read(buffer); n >= 0 && read < total; n = in.read(buffer)) {
            read += n;
        }
        assertThat(read).as("every byte arrives once the client reads").isEqualTo(total);
    }

    private static long proxyBufferBytes() {
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider) {
            return provider.metric().usedDirectMemory() + provider.metric().usedHeapMemory();
        }
        throw new AssertionError("Netty's default allocator exposes no metrics: " + ByteBufAllocator.DEFAULT);
    }

    @Test
    void relaysOneThousandConcurrentConnections() throws Exception {
        EchoBackend echo = resources.track(EchoBackend.start());
        LocalProxy proxy = proxy(new TestConfig().route("many", LOOPBACK, echo.address().getPort()));
        int count = 1000;
        List<Socket> clients = new ArrayList<>();

        for (int i = 0; i < count; i++) {
            Socket client = resources.track(Clients.connect(proxy, "many"));
            Clients.write(client, "message " + i + "\n");
            clients.add(client);
        }
        await("all connections are open at once").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(proxy.route("many").metrics().active()).as("active connections").isEqualTo(count));
        for (int i = 0; i < count; i++) {
            assertThat(Clients.readLine(clients.get(i))).as("echo on connection %d", i).isEqualTo("message " + i);
        }
        for (Socket client : clients) {
            client.close();
        }

        await("all flows end").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(proxy.route("many").metrics().active()).as("active connections").isZero());
        assertThat(echo.connections()).as("backend connections").isEqualTo(count);
    }

    @Test
    void closesTheClientQuicklyWhenTheBackendRefuses() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        LocalProxy proxy = proxy(new TestConfig().route("down", LOOPBACK, closedPort)
                .connectTimeout(Duration.ofSeconds(3)));
        Socket client = resources.track(Clients.connect(proxy, "down"));

        long start = System.nanoTime();
        int read = readOrReset(client);
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(read).as("client is closed").isEqualTo(-1);
        assertThat(elapsed).as("a refused connect is answered well before the connect timeout").isLessThan(2000L);
        assertThat(proxy.route("down").metrics().connectFailures()).as("connect failures, retry included")
                .isEqualTo(2);
    }

    @Test
    void answersADeadBackendWithinTheConnectTimeout() throws Exception {
        ServerSocket full = resources.track(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
        InetSocketAddress dead = (InetSocketAddress) full.getLocalSocketAddress();
        fillAcceptQueue(dead);
        LocalProxy proxy = proxy(new TestConfig().route("dead", LOOPBACK, dead.getPort())
                .connectTimeout(Duration.ofMillis(600)));
        Socket client = resources.track(Clients.connect(proxy, "dead"));

        long start = System.nanoTime();
        int read = readOrReset(client);
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(read).as("client is closed").isEqualTo(-1);
        assertThat(elapsed).as("closed after one 600 ms connect timeout, not two").isBetween(550L, 1150L);
        assertThat(proxy.route("dead").lastError()).as("health names the failure").isPresent();
    }

    /** Makes {@code address} drop SYNs: a listener whose accept queue is full never completes a handshake. */
    private void fillAcceptQueue(InetSocketAddress address) throws IOException {
        for (int i = 0; i < 16; i++) {
            Socket filler = new Socket();
            try {
                filler.connect(address, 300);
                resources.track(filler);
            } catch (SocketTimeoutException full) {
                filler.close();
                return;
            }
        }
        throw new AssertionError("The accept queue of " + address + " never filled; cannot play a dead backend");
    }

    private static int readOrReset(Socket client) throws IOException {
        try {
            return client.getInputStream().read();
        } catch (SocketException reset) {
            return -1;
        }
    }

    @Test
    void closesConnectionsIdleLongerThanTheIdleTimeout() throws Exception {
        EchoBackend echo = resources.track(EchoBackend.start());
        LocalProxy proxy = proxy(new TestConfig().route("idle", LOOPBACK, echo.address().getPort())
                .idleTimeout(Duration.ofMillis(400)));
        Socket client = resources.track(Clients.connect(proxy, "idle"));
        Clients.write(client, "ping\n");
        assertThat(Clients.readLine(client)).as("echo before going idle").isEqualTo("ping");

        long start = System.nanoTime();
        int read = client.getInputStream().read();
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(read).as("idle connection closed").isEqualTo(-1);
        assertThat(elapsed).as("closed by the 400 ms idle timeout").isBetween(300L, 3000L);
    }

    @Test
    void closesConnectionsOverThePerRouteLimitAtOnce() throws Exception {
        EchoBackend echo = resources.track(EchoBackend.start());
        LocalProxy proxy = proxy(new TestConfig().route("limited", LOOPBACK, echo.address().getPort(), 2));
        Socket first = resources.track(Clients.connect(proxy, "limited"));
        Socket second = resources.track(Clients.connect(proxy, "limited"));
        Clients.write(first, "a\n");
        Clients.write(second, "b\n");
        assertThat(Clients.readLine(first)).as("first connection works").isEqualTo("a");
        assertThat(Clients.readLine(second)).as("second connection works").isEqualTo("b");

        Socket third = resources.track(Clients.connect(proxy, "limited"));

        assertThat(readOrReset(third)).as("third connection is closed").isEqualTo(-1);
        assertThat(proxy.route("limited").metrics().rejectedTotal()).as("rejected connections").isEqualTo(1);
        Clients.write(first, "still\n");
        assertThat(Clients.readLine(first)).as("admitted connections are unaffected").isEqualTo("still");

        first.close();
        await("a slot frees up").atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(proxy.route("limited").openFlows()).as("open flows").isEqualTo(1));
        Socket fourth = resources.track(Clients.connect(proxy, "limited"));
        Clients.write(fourth, "d\n");
        assertThat(Clients.readLine(fourth)).as("a new connection is admitted again").isEqualTo("d");
    }

    @Test
    void relaysOverEpollWhenAskedFor() throws Exception {
        EchoBackend echo = resources.track(EchoBackend.start());
        LocalProxy proxy = proxy(new TestConfig().route("epoll", LOOPBACK, echo.address().getPort())
                .transport(TransportKind.EPOLL));
        Socket client = resources.track(Clients.connect(proxy, "epoll"));

        Clients.write(client, "over epoll\n");

        assertThat(Epoll.isAvailable()).as("epoll native library loads on this Linux x86_64 machine").isTrue();
        assertThat(proxy.transport().name()).as("transport").isEqualTo("EPOLL");
        assertThat(Clients.readLine(client)).as("echo over epoll").isEqualTo("over epoll");
    }

    @Test
    void deliversALargeResponseToAClientThatAlreadySentFin() throws Exception {
        long responseBytes = 64L << 20;
        ScriptedBackend backend = resources.track(ScriptedBackend.start(socket -> {
            socket.getInputStream().readAllBytes();
            byte[] chunk = new byte[64 * 1024];
            OutputStream out = socket.getOutputStream();
            for (long sent = 0; sent < responseBytes; sent += chunk.length) {
                out.write(chunk);
            }
        }));
        // With transport epoll this fails on Netty 4.2.18 (see Transport): the reason auto means NIO.
        LocalProxy proxy = proxy(new TestConfig().route("fin", LOOPBACK, backend.port()));
        Socket client = resources.track(Clients.connect(proxy, "fin"));
        client.setReceiveBufferSize(64 * 1024);

        Clients.write(client, "GET");
        client.shutdownOutput();
        // Reading starts only once the proxy has had to queue output for the half-closed client.
        AtomicLong lastSeen = new AtomicLong(-1);
        await("response stalls in the proxy while the client does not read")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    long now = proxy.route("fin").metrics().bytesToClient();
                    return now > 0 && now == lastSeen.getAndSet(now);
                });
        long read = 0;
        byte[] buffer = new byte[256 * 1024];
        InputStream in = client.getInputStream();
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            read += n;
        }

        assertThat(read).as("whole response after the client's FIN").isEqualTo(responseBytes);
    }

    @Test
    void relaysOverNioToo() throws Exception {
        EchoBackend echo = resources.track(EchoBackend.start());
        LocalProxy proxy = proxy(new TestConfig().route("nio", LOOPBACK, echo.address().getPort())
                .transport(TransportKind.NIO));
        Socket client = resources.track(Clients.connect(proxy, "nio"));

        Clients.write(client, "over nio\n");

        assertThat(proxy.transport().name()).as("transport").isEqualTo("NIO");
        assertThat(Clients.readLine(client)).as("echo over NIO").isEqualTo("over nio");
    }
}
