package dev.esb.proxy.admin;

import dev.esb.proxy.LocalProxy;
import dev.esb.proxy.testing.Clients;
import dev.esb.proxy.testing.EchoBackend;
import dev.esb.proxy.testing.Resources;
import dev.esb.proxy.testing.TestConfig;
import dev.esb.proxy.testing.TestDnsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AdminIT {
    private static final String MISSING = "victorialogs.test";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @RegisterExtension
    final Resources resources = new Resources();

    private HttpResponse<String> get(LocalProxy proxy, String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + proxy.adminAddress().orElseThrow().getPort() + path);
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIs503UntilEveryRouteIsReadyThen200() throws Exception {
        EchoBackend echo = resources.track(EchoBackend.start());
        TestDnsServer dns = resources.track(TestDnsServer.start());
        LocalProxy proxy = resources.track(LocalProxy.start(new TestConfig()
                .route("s3", "127.0.0.1", echo.address().getPort())
                .route("logs", MISSING, echo.address().getPort())
                .dns(dns)
                .build()));

        await("logs route reports its failed lookup").atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(get(proxy, "/health").body()).as("health body").contains("NXDOMAIN"));
        HttpResponse<String> notReady = get(proxy, "/health");
        assertThat(notReady.statusCode()).as("status with one route unresolved").isEqualTo(503);
        assertThat(notReady.headers().firstValue("content-type")).as("content type")
                .hasValueSatisfying(type -> assertThat(type).as("json").startsWith("application/json"));
        assertThat(notReady.body()).as("per-route health")
                .contains("\"status\":\"not-ready\"")
                .contains("{\"name\":\"s3\",\"listen\":\"127.0.0.1:")
                .contains("\"backend\":\"" + MISSING + ":")
                .contains("\"listening\":true")
                .contains("\"addresses\":[\"127.0.0.1\"]")
                .contains("\"ready\":false");

        dns.answer(MISSING, InetAddress.getLoopbackAddress());

        await("health turns 200 once every route resolves").atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(get(proxy, "/health").statusCode()).as("status").isEqualTo(200));
        assertThat(get(proxy, "/health").body()).as("all ready").contains("\"status\":\"ready\"")
                .doesNotContain("\"ready\":false");
    }

    @Test
    void metricsCountConnectionsAndBytesPerRoute() throws Exception {
        EchoBackend echo = resources.track(EchoBackend.start());
        LocalProxy proxy = resources.track(LocalProxy.start(new TestConfig()
                .route("s3", "127.0.0.1", echo.address().getPort())
                .build()));
        try (Socket client = Clients.connect(proxy, "s3")) {
            Clients.write(client, "twelve bytes");
            Clients.write(client, "\n");
            assertThat(Clients.readLine(client)).as("echo").isEqualTo("twelve bytes");
        }
        await("flow closed").atMost(Duration.ofSeconds(5)).until(() -> proxy.route("s3").openFlows() == 0);

        HttpResponse<String> metrics = get(proxy, "/metrics");

        assertThat(metrics.statusCode()).as("status").isEqualTo(200);
        assertThat(metrics.headers().firstValue("content-type")).as("Prometheus text format")
                .hasValueSatisfying(type -> assertThat(type).as("type").startsWith("text/plain; version=0.0.4"));
        assertThat(metrics.body().lines().toList()).as("metric lines")
                .contains("# TYPE local_proxy_connections_total counter")
                .contains("local_proxy_connections_total{route=\"s3\"} 1")
                .contains("local_proxy_connections_active{route=\"s3\"} 0")
                .contains("local_proxy_bytes_total{route=\"s3\",direction=\"to_backend\"} 13")
                .contains("local_proxy_bytes_total{route=\"s3\",direction=\"to_client\"} 13")
                .contains("local_proxy_connect_failures_total{route=\"s3\"} 0")
                .contains("local_proxy_resolve_failures_total{route=\"s3\"} 0")
                .contains("local_proxy_route_ready{route=\"s3\"} 1")
                .anyMatch(line -> line.matches("local_proxy_resolve_duration_seconds_count\\{route=\"s3\"} [1-9]\\d*"));
    }

    @Test
    void answersUnknownPathsWith404() throws Exception {
        EchoBackend echo = resources.track(EchoBackend.start());
        LocalProxy proxy = resources.track(LocalProxy.start(new TestConfig()
                .route("s3", "127.0.0.1", echo.address().getPort())
                .build()));

        assertThat(get(proxy, "/nope").statusCode()).as("unknown path").isEqualTo(404);
        assertThat(proxy.adminAddress().orElseThrow().getAddress().isLoopbackAddress()).as("admin on loopback")
                .isTrue();
    }
}
