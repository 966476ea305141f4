package dev.esb.scenarios.layout;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.Container.ExecResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.esb.env.node.RuntimeNodeContainer;
import dev.esb.env.topology.EsbEnvironment;
import dev.esb.scenarios.support.GatewayTrust;
import dev.esb.scenarios.support.SharedEnvironment;

/**
 * The layout on a healthy node: the host reaches the gateway over HTTPS through runtime-node's published port
 * (flow 1), traffic from runtime-node's own namespace to {@code 10.88.0.1} is DNATed to local-proxy and reaches the
 * backend (the OUTPUT half of flows 4 and 5), and doctor passes.
 */
@ExtendWith(SharedEnvironment.class)
class LayoutIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern S3_RULE_PACKETS =
            Pattern.compile("\\[(\\d+):\\d+] -A ESB-OUTPUT .*--dport 9000 .*esb-s3");

    @Test
    void hostReachesTheGatewayOverHttpsWithTheEnvironmentsCa(EsbEnvironment environment) {
        given().config(GatewayTrust.restAssured(environment))
                .baseUri("https://localhost")
                .port(environment.runtimeNode().hostGatewayPort())
                .when()
                .get("/health")
                .then()
                .statusCode(200);
    }

    @Test
    void runtimeNodeReachesS3At10881ThroughDnatAndLocalProxy(EsbEnvironment environment) throws Exception {
        RuntimeNodeContainer node = environment.runtimeNode();
        long before = s3RulePackets(node);

        // local-proxy resolves s3-storage within its DNS cap after boot; the first request may race that.
        await("runtime-node reaches s3-storage through " + RuntimeNodeContainer.CNI_GW_IP + ":9000 (DNAT + proxy)")
                .atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> {
                    ExecResult curl = node.shell("curl -s -o /dev/null -w '%{http_code}' http://"
                            + RuntimeNodeContainer.CNI_GW_IP + ":9000/healthz");
                    assertThat(curl.getStdout()).as("HTTP status of S3 /healthz via 10.88.0.1; stderr: %s",
                            curl.getStderr()).isEqualTo("200");
                });

        assertThat(s3RulePackets(node)).as("packets counted by the ESB-OUTPUT rule for :9000").isGreaterThan(before);
    }

    @Test
    void doctorPassesOnAHealthyNode(EsbEnvironment environment) throws Exception {
        await("doctor passes on the healthy node")
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> {
                    ExecResult doctor = environment.runtimeNode().doctor();
                    assertThat(doctor.getExitCode()).as("doctor's exit code; its report:%n%s%s",
                            doctor.getStdout(), doctor.getStderr()).isZero();
                });

        JsonNode report = JSON.readTree(environment.runtimeNode().doctor().getStdout());
        assertThat(report.toString()).as("doctor --json names each check").contains("gateway-health", "s3-backend");
    }

    @Test
    void localProxyReportsEveryRouteReady(EsbEnvironment environment) {
        await("local-proxy resolves its three backends")
                .atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> {
                    ExecResult health = environment.localProxy().admin("/health");
                    assertThat(health.getStdout()).as("local-proxy /health").endsWith("\n200");
                });
    }

    private static long s3RulePackets(RuntimeNodeContainer node) throws IOException, InterruptedException {
        ExecResult save = node.shell("iptables-save -c -t nat");
        Matcher matcher = S3_RULE_PACKETS.matcher(save.getStdout());
        assertThat(matcher.find()).as("ESB-OUTPUT rule for :9000 in iptables-save:%n%s", save.getStdout()).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
