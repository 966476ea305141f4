package dev.esb.scenarios.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.Container.ExecResult;

import dev.esb.env.node.RuntimeNodeContainer;
import dev.esb.env.topology.EsbEnvironment;
import dev.esb.scenarios.support.BridgeProbe;
import dev.esb.scenarios.support.DoctorFindings;
import dev.esb.scenarios.support.NodeRules;
import dev.esb.scenarios.support.RuntimeNodeCli;
import dev.esb.scenarios.support.SharedEnvironment;
import dev.esb.scenarios.support.SpareNode;

/**
 * A node started with {@code RUNTIME_NODE_HARDENED=1}: {@code route_localnet} only on {@code cni0}, and the
 * CVE-2020-8558 guard in {@code filter INPUT}. A neighbour on the bridge still reaches local-proxy through the DNAT
 * of {@code 10.88.0.1:9000}, but its packets aimed straight at {@code 127.0.0.1:9000} are dropped; without the guard
 * they reach local-proxy, which is the hole the guard closes.
 */
@ExtendWith(SharedEnvironment.class)
class HardenedNodeIT {

    private static final String NAME = "esb-hardened-node";
    private static final String GW = RuntimeNodeContainer.CNI_GW_IP;
    private static final String GUARD = "-A ESB-INPUT ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m conntrack ! --ctstate"
            + " RELATED,ESTABLISHED,DNAT -m comment --comment esb-localnet-guard -j DROP";
    private static final String GUARD_PATTERN = "-A ESB-INPUT .*esb-localnet-guard -j DROP";
    private static final String S3_PREROUTING_PATTERN = "-A ESB-PREROUTING .*--dport 9000 .*esb-s3";
    private static final String VIA_GATEWAY = "curl -s -m 5 -o /dev/null -w 'status=%{http_code}' http://" + GW
            + ":9000/healthz; echo \" curl=$?\"";
    private static final String STRAIGHT_TO_LOOPBACK = "curl -s -m 2 -o /dev/null -w 'status=%{http_code}'"
            + " http://127.0.0.1:9000/healthz; echo \" curl=$?\"";

    private static SpareNode hardened;

    @BeforeAll
    static void bootAHardenedNode(EsbEnvironment environment) {
        hardened = SpareNode.start(environment, NAME, Map.of("RUNTIME_NODE_HARDENED", "1"), Map.of(), true);
    }

    @AfterAll
    static void removeTheHardenedNode() {
        if (hardened != null) {
            hardened.close();
        }
    }

    @Test
    void routeLocalnetIsOnlyOnTheBridgeAndDoctorPasses() throws Exception {
        RuntimeNodeContainer node = hardened.node();
        ExecResult sysctls = node.shell("for i in all default eth0 lo cni0; do"
                + " echo $i=$(cat /proc/sys/net/ipv4/conf/$i/route_localnet); done");
        assertThat(sysctls.getStdout().lines()).as("route_localnet per interface on the hardened node")
                .containsExactly("all=0", "default=0", "eth0=0", "lo=0", "cni0=1");
        assertThat(NodeRules.ruleset(node)).as("filter rules of the hardened node")
                .contains(GUARD, "-A INPUT -j ESB-INPUT");

        await("doctor passes on the hardened node")
                .atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    DoctorFindings findings = DoctorFindings.examine(node);
                    assertThat(findings.failed()).as("failed checks; %s", findings).isEmpty();
                    assertThat(findings.verdict("localnet-guard")).as("localnet-guard verdict").isEqualTo("PASS");
                });
    }

    @Test
    void bridgeNeighbourReachesLocalProxyOnlyThroughDnatWhileTheGuardStands() throws Exception {
        RuntimeNodeContainer node = hardened.node();
        try (BridgeProbe probe = BridgeProbe.attach(node, "hprobe")) {
            probe.acceptRepliesFromLoopback();

            long dnatBefore = NodeRules.packets(node, "nat", S3_PREROUTING_PATTERN);
            awaitProbe(probe, VIA_GATEWAY, "status=200 curl=0", "bridge neighbour reaches S3 via " + GW + ":9000");
            assertThat(NodeRules.packets(node, "nat", S3_PREROUTING_PATTERN)).as("PREROUTING DNAT packets for :9000")
                    .isGreaterThan(dnatBefore);

            long dropsBefore = NodeRules.packets(node, "filter", GUARD_PATTERN);
            ExecResult dropped = probe.run(STRAIGHT_TO_LOOPBACK);
            assertThat(dropped.getStdout()).as("bridge neighbour's request straight to 127.0.0.1:9000")
                    .contains("status=000 curl=28");
            assertThat(NodeRules.packets(node, "filter", GUARD_PATTERN)).as("packets dropped by the guard")
                    .isGreaterThan(dropsBefore);

            node.shell("iptables -t filter " + GUARD.replaceFirst("^-A ", "-D "));
            try {
                DoctorFindings findings = DoctorFindings.examine(node);
                assertThat(findings.verdict("localnet-guard")).as("localnet-guard without its rule; %s", findings)
                        .isEqualTo("FAIL");
                assertThat(findings.summary("localnet-guard")).as("localnet-guard summary")
                        .contains("guard against packets to 127.0.0.0/8");
                assertThat(findings.evidence("localnet-guard")).as("localnet-guard evidence")
                        .anyMatch(line -> line.startsWith("MISSING ") && line.contains("esb-localnet-guard"));
                // The hole the guard closes: route_localnet on cni0 alone lets a neighbour reach loopback services.
                awaitProbe(probe, STRAIGHT_TO_LOOPBACK, "status=200 curl=0",
                        "bridge neighbour reaches 127.0.0.1:9000 without the guard");
            } finally {
                RuntimeNodeCli.run(node, "apply");
            }

            assertThat(probe.run(STRAIGHT_TO_LOOPBACK).getStdout()).as("straight to loopback after apply")
                    .contains("status=000 curl=28");
            awaitProbe(probe, VIA_GATEWAY, "status=200 curl=0", "bridge neighbour still reaches S3 after apply");
            assertThat(DoctorFindings.examine(node).verdict("localnet-guard")).as("localnet-guard after apply")
                    .isEqualTo("PASS");
        }
    }

    private static void awaitProbe(BridgeProbe probe, String command, String outcome, String alias) {
        await(alias)
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    ExecResult result = probe.run(command);
                    assertThat(result.getStdout()).as("%s: %s", command, result.getStderr()).contains(outcome);
                });
    }
}
