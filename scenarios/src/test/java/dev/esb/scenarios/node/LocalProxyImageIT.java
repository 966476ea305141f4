package dev.esb.scenarios.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.wait.strategy.Wait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.esb.env.backend.S3StorageContainer;
import dev.esb.env.image.EsbImages;
import dev.esb.env.node.LocalProxyContainer;
import dev.esb.env.node.RuntimeNodeContainer;
import dev.esb.env.topology.EsbEnvironment;
import dev.esb.scenarios.support.ContainerControl;
import dev.esb.scenarios.support.ContainerControl.StopOutcome;
import dev.esb.scenarios.support.SharedEnvironment;
import dev.esb.scenarios.support.SharedSpareNode;
import dev.esb.scenarios.support.SpareNode;

/**
 * The local-proxy image in a runtime-node's namespace, on the spare node: a backend that does not exist when the
 * proxy starts is picked up once Docker's DNS knows it, without restarting the proxy; and {@code docker stop} drains
 * open connections and exits cleanly within Docker's 10 s stop timeout.
 */
@ExtendWith({SharedEnvironment.class, SharedSpareNode.class})
class LocalProxyImageIT {

    private static final Logger log = LoggerFactory.getLogger(LocalProxyImageIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LATE_BACKEND = "s3-late";
    private static final String LATE_ADMIN = "http://127.0.0.1:18404";
    private static final String LATE_LISTEN = "127.0.0.1:19100";
    private static final String THROUGH_LATE_ROUTE = "curl -s -m 5 -o /dev/null -w 'status=%{http_code}' http://"
            + LATE_LISTEN + "/healthz; echo \" curl=$?\"";

    @Test
    void backendMissingAtStartIsPickedUpWithoutARestart(SpareNode spare, EsbEnvironment environment)
            throws Exception {
        RuntimeNodeContainer node = spare.node();
        EsbImages images = EsbImages.load();
        String name = SharedSpareNode.NAME + "-late-proxy";
        S3StorageContainer late = new S3StorageContainer(images)
                .withNetwork(environment.network())
                .withNetworkAliases(LATE_BACKEND)
                .withCreateContainerCmdModifier(command -> command.withName(SharedSpareNode.NAME + "-" + LATE_BACKEND));
        try (LocalProxyContainer proxy = new LocalProxyContainer(images, node)
                .withCreateContainerCmdModifier(command -> command.withName(name))
                .withEnv(Map.of("LOCAL_PROXY_ROUTE_S3", "off", "LOCAL_PROXY_ROUTE_DATABASE", "off",
                        "LOCAL_PROXY_ROUTE_LOGS", "off", "LOCAL_PROXY_ADMIN", LATE_ADMIN.substring(7),
                        "LOCAL_PROXY_ROUTE_LATE", "listen " + LATE_LISTEN + " backend " + LATE_BACKEND + ":9000"))
                // Its own admin port: the node's namespace already holds local-proxy's 8404 and the gateway's 8405.
                .waitingFor(Wait.forSuccessfulCommand("curl -s " + LATE_ADMIN + "/metrics | grep -q 'route=\"late\"'")
                        .withStartupTimeout(Duration.ofSeconds(60)))) {
            proxy.startOrExplain();
            String startedAt = ContainerControl.startedAt(proxy);

            awaitLateRoute(node, false, "local-proxy reports route late unresolved while " + LATE_BACKEND
                    + " does not exist");
            assertClosedFast(node, "a connection to route late before " + LATE_BACKEND + " exists");

            try {
                late.startOrExplain();
                awaitLateRoute(node, true, "local-proxy picks up " + LATE_BACKEND + " once it runs");
                awaitThroughLateRoute(node, "status=200 curl=0", "S3 answers through route late");

                ContainerControl.stop(late);
                awaitLateRoute(node, false, "local-proxy drops " + LATE_BACKEND + " once it leaves Docker's DNS");
                assertClosedFast(node, "a connection to route late while " + LATE_BACKEND + " is stopped");

                ContainerControl.start(late);
                awaitThroughLateRoute(node, "status=200 curl=0", "S3 answers through route late after its restart");
            } finally {
                late.stop();
            }
            assertThat(ContainerControl.startedAt(proxy)).as("start time of the local-proxy container (never"
                    + " restarted)").isEqualTo(startedAt);
        }
    }

    @Test
    void dockerStopDrainsAnOpenConnectionAndExitsWithinTheStopTimeout(SpareNode spare) throws Exception {
        RuntimeNodeContainer node = spare.node();
        LocalProxyContainer proxy = spare.localProxy();
        awaitHealth(node, "200", "local-proxy of the spare node is ready");

        // An idle client connection through route s3: drain must give it its grace period, then close it.
        node.execInContainer("bash", "-c", "(exec 3<>/dev/tcp/127.0.0.1/9000; sleep 20) > /dev/null 2>&1 &");
        await("local-proxy counts the held connection")
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(node.shell("curl -s " + LocalProxyContainer.ADMIN + "/metrics")
                        .getStdout()).as("local-proxy metrics")
                        .contains("local_proxy_connections_active{route=\"s3\"} 1"));

        Instant stopping = Instant.now();
        CompletableFuture<StopOutcome> stop = CompletableFuture.supplyAsync(() -> ContainerControl.stop(proxy));
        try {
            awaitHealth(node, "503", "local-proxy answers 503 draining after SIGTERM");
            assertThat(node.shell("curl -s " + LocalProxyContainer.ADMIN + "/health").getStdout())
                    .as("local-proxy /health while draining").contains("\"status\":\"draining\"");

            StopOutcome outcome = stop.get(ContainerControl.DOCKER_STOP_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            log.info("docker stop of {} took {} ms, exit code {}", proxy.getContainerName(), outcome.took().toMillis(),
                    outcome.exitCode());
            assertThat(outcome.took()).as("docker stop of local-proxy with a connection open (drain-grace 8 s)")
                    .isBetween(Duration.ofSeconds(7), ContainerControl.DOCKER_STOP_TIMEOUT.minusMillis(200));
            assertThat(outcome.exitCode()).as("local-proxy's exit code after SIGTERM (143, not SIGKILL's 137)")
                    .isEqualTo(143);
            assertThat(proxy.getLogs()).as("local-proxy's log after the drain")
                    .contains("Draining: stopped accepting, 1 connections open")
                    .containsPattern("route=s3 .*outcome=drained");
        } finally {
            stop.get(ContainerControl.DOCKER_STOP_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            ContainerControl.start(proxy);
        }
        awaitHealth(node, "200", "local-proxy is ready again after docker start (stopped "
                + Duration.between(stopping, Instant.now()).toMillis() + " ms ago)");
    }

    private static void awaitLateRoute(RuntimeNodeContainer node, boolean ready, String alias) {
        await(alias)
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    ExecResult health = node.shell("curl -s " + LATE_ADMIN + "/health");
                    JsonNode route = JSON.readTree(health.getStdout()).path("routes").path(0);
                    assertThat(route.path("name").asText()).as("route in %s", health.getStdout()).isEqualTo("late");
                    assertThat(route.path("ready").asBoolean()).as("ready of route late: %s", health.getStdout())
                            .isEqualTo(ready);
                    if (!ready) {
                        assertThat(route.path("lastError").toString()).as("lastError of route late")
                                .contains(LATE_BACKEND);
                    }
                });
    }

    private static void assertClosedFast(RuntimeNodeContainer node, String what) throws Exception {
        Instant started = Instant.now();
        ExecResult closed = node.shell(THROUGH_LATE_ROUTE);
        Duration took = Duration.between(started, Instant.now());
        // curl 52: the proxy accepted and closed without a byte, instead of leaving the client hanging.
        assertThat(closed.getStdout()).as(what).contains("status=000 curl=52");
        assertThat(took).as("time until %s was closed (docker exec included)", what)
                .isLessThan(Duration.ofSeconds(3));
    }

    private static void awaitThroughLateRoute(RuntimeNodeContainer node, String outcome, String alias) {
        await(alias)
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(node.shell(THROUGH_LATE_ROUTE).getStdout())
                        .as("curl through route late").contains(outcome));
    }

    private static void awaitHealth(RuntimeNodeContainer node, String status, String alias) {
        await(alias)
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(node.shell("curl -s -o /dev/null -w '%{http_code}' "
                        + LocalProxyContainer.ADMIN + "/health").getStdout()).as("local-proxy /health status")
                        .isEqualTo(status));
    }
}
