package dev.esb.proxy.route;

import dev.esb.proxy.LocalProxy;
import dev.esb.proxy.ProxyStartException;
import dev.esb.proxy.testing.Clients;
import dev.esb.proxy.testing.EchoBackend;
import dev.esb.proxy.testing.Resources;
import dev.esb.proxy.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One listening socket per I/O thread (SO_REUSEPORT), without letting a second proxy share the address. */
class ListenersIT {
    private static final String LOOPBACK = "127.0.0.1";

    @RegisterExtension
    final Resources resources = new Resources();

    @Test
    void opensOneListenerPerThreadAndRelaysOnEach() throws Exception {
        EchoBackend echo = resources.track(EchoBackend.start());
        LocalProxy proxy = resources.track(LocalProxy.start(new TestConfig()
                .route("spread", LOOPBACK, echo.address().getPort()).ioThreads(3).build()));
        int port = proxy.route("spread").boundAddress().orElseThrow().getPort();

        assertThat(listeningSockets(port)).as("listening sockets on port %d, one per I/O thread", port).isEqualTo(3);
        // The kernel picks a listener by the client's address and port, so forty clients reach all three.
        for (int i = 0; i < 40; i++) {
            try (Socket client = Clients.connect(proxy, "spread")) {
                Clients.write(client, "client " + i + "\n");
                assertThat(Clients.readLine(client)).as("echo for client %d", i).isEqualTo("client " + i);
            }
        }
    }

    @Test
    void oneThreadMeansOneListenerWithoutReusePort() throws Exception {
        EchoBackend echo = resources.track(EchoBackend.start());
        LocalProxy proxy = resources.track(LocalProxy.start(new TestConfig()
                .route("single", LOOPBACK, echo.address().getPort()).ioThreads(1).build()));
        int port = proxy.route("single").boundAddress().orElseThrow().getPort();

        assertThat(listeningSockets(port)).as("listening sockets on port %d", port).isEqualTo(1);
        try (Socket client = Clients.connect(proxy, "single")) {
            Clients.write(client, "one\n");
            assertThat(Clients.readLine(client)).as("echo").isEqualTo("one");
        }
    }

    @Test
    void aSecondProxyCannotTakeTheSameListenAddress() throws Exception {
        EchoBackend echo = resources.track(EchoBackend.start());
        LocalProxy first = resources.track(LocalProxy.start(new TestConfig()
                .route("first", LOOPBACK, echo.address().getPort()).ioThreads(2).build()));
        int port = first.route("first").boundAddress().orElseThrow().getPort();

        // SO_REUSEPORT on both sides would let the kernel split connections between the two processes.
        assertThatThrownBy(() -> resources.track(LocalProxy.start(new TestConfig()
                .routeOn("second", port, LOOPBACK, echo.address().getPort()).ioThreads(2).build())))
                .as("a second proxy on 127.0.0.1:%d", port)
                .isInstanceOf(ProxyStartException.class)
                .hasMessageContaining("route second listen: '127.0.0.1:" + port + "'")
                .hasMessageContaining("Address already in use");
        assertThat(listeningSockets(port)).as("listening sockets on port %d after the failed start", port)
                .isEqualTo(2);
    }

    /** Sockets in state LISTEN on a local port, from /proc/net/tcp and tcp6. */
    private static long listeningSockets(int port) throws IOException {
        String local = String.format(Locale.ROOT, ":%04X", port);
        long count = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            count += Files.readAllLines(Path.of(table)).stream()
                    .skip(1)
                    .map(line -> line.trim().split("\\s+"))
                    .filter(fields -> fields[1].endsWith(local) && fields[3].equals("0A"))
                    .count();
        }
        return count;
    }
}
