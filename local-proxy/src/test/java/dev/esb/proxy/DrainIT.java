package dev.esb.proxy;

import dev.esb.proxy.testing.Clients;
import dev.esb.proxy.testing.EchoBackend;
import dev.esb.proxy.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class DrainIT {
    private final EchoBackend echo = EchoBackend.start();

    @AfterEach
    void stopEcho() {
        echo.close();
    }

    @Test
    void stopsAcceptingButLetsOpenConnectionsFinish() throws Exception {
        LocalProxy proxy = LocalProxy.start(new TestConfig().route("s3", "127.0.0.1", echo.address().getPort())
                .build());
        InetSocketAddress listen = proxy.route("s3").boundAddress().orElseThrow();
        Socket open = Clients.connect(proxy, "s3");
        Clients.write(open, "before\n");
        assertThat(Clients.readLine(open)).as("echo before the drain").isEqualTo("before");

        CompletableFuture<Void> drained = CompletableFuture.runAsync(() -> proxy.drain(Duration.ofSeconds(8)));

        await("listener closes").atMost(Duration.ofSeconds(5)).until(() -> !proxy.route("s3").listening());
        assertThatThrownBy(() -> new Socket().connect(listen, 1000)).as("new connection during the drain")
                .isInstanceOf(ConnectException.class);
        Clients.write(open, "during\n");
        assertThat(Clients.readLine(open)).as("open connection still relays").isEqualTo("during");
        assertThat(drained).as("drain waits for the open connection").isNotDone();

        long closed = System.nanoTime();
        open.close();
        drained.get(5, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closed))
                .as("drain ends soon after the last connection, not at the grace deadline").isLessThan(3000L);
    }

    @Test
    void closesConnectionsStillOpenWhenTheGracePeriodEnds() throws Exception {
        LocalProxy proxy = LocalProxy.start(new TestConfig().route("s3", "127.0.0.1", echo.address().getPort())
                .build());
        Socket open = Clients.connect(proxy, "s3");
        Clients.write(open, "x\n");
        assertThat(Clients.readLine(open)).as("connected").isEqualTo("x");

        long start = System.nanoTime();
        proxy.drain(Duration.ofMillis(500));
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(elapsed).as("drain took the grace period, then closed").isBetween(450L, 3000L);
        assertThat(open.getInputStream().read()).as("client sees the close").isEqualTo(-1);
        open.close();
    }
}
