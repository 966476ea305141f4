package dev.esb.scenarios.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.Container.ExecResult;

import dev.esb.env.node.RuntimeNodeContainer;
import dev.esb.env.topology.EsbEnvironment;
import dev.esb.scenarios.support.ContainerControl;
import dev.esb.scenarios.support.DoctorFindings;
import dev.esb.scenarios.support.RuntimeNodeCli;
import dev.esb.scenarios.support.SharedEnvironment;
import dev.esb.scenarios.support.SharedSpareNode;
import dev.esb.scenarios.support.SpareNode;

/**
 * doctor against real faults on the spare node: each scenario sees doctor pass, breaks the one condition a check
 * watches (the way it breaks in the field), sees doctor fail that check with the cause and a remedy, repairs the node
 * the way the remedy says, and sees doctor pass again.
 */
@ExtendWith({SharedEnvironment.class, SharedSpareNode.class})
class DoctorIT {

    private static final Duration DOCTOR_VERDICT = Duration.ofSeconds(45);
    private static final String GW = RuntimeNodeContainer.CNI_GW_IP;

    @BeforeEach
    void doctorPassesOnTheHealthySpareNode(SpareNode spare) {
        awaitHealthy(spare.node(), Map.of(), "doctor passes on the healthy spare node");
    }

    @Test
    void namesADeletedDnatRuleAndPassesAfterApply(SpareNode spare) throws Exception {
        RuntimeNodeContainer node = spare.node();
        String rule = "-A ESB-PREROUTING -d " + GW + "/32 -p tcp -m tcp --dport 9428 -m comment --comment esb-vl"
                + " -j DNAT --to-destination 127.0.0.1:9428";
        node.shell("iptables -t nat " + rule.replaceFirst("^-A ", "-D "));

        DoctorFindings broken = awaitFailure(node, Map.of(), "dnat-rules", "doctor names the deleted vl rule");
        assertThat(broken.evidence("dnat-rules")).as("dnat-rules evidence; %s", broken).contains("MISSING " + rule);
        assertThat(broken.remedy("dnat-rules")).as("dnat-rules remedy").contains("runtime-node apply");

        RuntimeNodeCli.run(node, "apply");
        awaitHealthy(node, Map.of(), "doctor passes after apply put the rule back");
    }

    @Test
    void namesRouteLocalnetOffAndPassesAfterApply(SpareNode spare) throws Exception {
        RuntimeNodeContainer node = spare.node();
        ExecResult off = node.shell("mount -o remount,rw /proc/sys"
                + " && echo 0 > /proc/sys/net/ipv4/conf/all/route_localnet"
                + "; mount -o remount,bind,ro /proc/sys; cat /proc/sys/net/ipv4/conf/all/route_localnet");
        assertThat(off.getStdout().strip()).as("route_localnet after writing 0: %s", off.getStderr()).isEqualTo("0");

        DoctorFindings broken = awaitFailure(node, Map.of(), "route-localnet", "doctor names route_localnet=0");
        assertThat(broken.summary("route-localnet")).as("route-localnet summary; %s", broken)
                .contains("net.ipv4.conf.all.route_localnet is 0");
        assertThat(broken.evidence("route-localnet")).as("route-localnet evidence")
                .contains("net.ipv4.conf.all.route_localnet = 0 (wanted 1)");
        assertThat(broken.remedy("route-localnet")).as("route-localnet remedy").contains("runtime-node apply");

        RuntimeNodeCli.run(node, "apply");
        awaitHealthy(node, Map.of(), "doctor passes after apply set route_localnet again");
    }

    @Test
    void namesAStoppedLocalProxyAndPassesOnceItRunsAgain(SpareNode spare) {
        ContainerControl.stop(spare.localProxy());
        try {
            DoctorFindings broken = awaitFailure(spare.node(), Map.of(), "s3-listener",
                    "doctor names the missing listener of the stopped local-proxy");
            assertThat(broken.summary("s3-listener")).as("s3-listener summary; %s", broken)
                    .isEqualTo("nothing listens on 127.0.0.1:9000");
            assertThat(broken.failed()).as("checks failing without local-proxy")
                    .contains("db-listener", "vl-listener", "s3-via-gateway");
            assertThat(broken.remedy("s3-listener")).as("s3-listener remedy").contains("start local-proxy");
        } finally {
            ContainerControl.start(spare.localProxy());
        }
        awaitHealthy(spare.node(), Map.of(), "doctor passes once local-proxy runs again");
    }

    @Test
    void namesAnUnresolvableBackendAndPassesOnceItIsBackInDns(SpareNode spare, EsbEnvironment environment) {
        ContainerControl.disconnect(environment.network(), spare.s3Backend());
        try {
            DoctorFindings broken = awaitFailure(spare.node(), Map.of(), "s3-backend",
                    "doctor names the backend that left Docker's DNS");
            assertThat(broken.summary("s3-backend")).as("s3-backend summary; %s", broken)
                    .isEqualTo(SharedSpareNode.S3_ALIAS + " does not resolve");
            assertThat(broken.remedy("s3-backend")).as("s3-backend remedy")
                    .contains("LOCAL_PROXY_S3_BACKEND");
        } finally {
            ContainerControl.connect(environment.network(), spare.s3Backend(), SharedSpareNode.S3_ALIAS);
        }
        awaitHealthy(spare.node(), Map.of(), "doctor passes once the backend resolves again");
    }

    @Test
    void namesADownGatewayAndPassesOnceItRunsAgain(SpareNode spare) {
        ContainerControl.stop(spare.gateway());
        try {
            DoctorFindings broken = awaitFailure(spare.node(), Map.of(), "gateway-health",
                    "doctor names the stopped gateway");
            assertThat(broken.summary("gateway-health")).as("gateway-health summary; %s", broken)
                    .isEqualTo("the gateway did not answer");
            assertThat(broken.failed()).as("only the gateway check fails").containsExactly("gateway-health");
        } finally {
            ContainerControl.start(spare.gateway());
        }
        awaitHealthy(spare.node(), Map.of(), "doctor passes once the gateway runs again");
    }

    @Test
    void namesTheSeedsDatabasePortTrapAndItsFix(SpareNode spare) throws Exception {
        RuntimeNodeContainer node = spare.node();
        Map<String, String> seed = Map.of("DNAT_DB_PORT", "8000");
        ExecResult apply = RuntimeNodeCli.run(node, seed, "apply");
        assertThat(apply.getExitCode()).as("apply with the seed's DNAT_DB_PORT: %s", RuntimeNodeCli.describe(apply))
                .isZero();
        assertThat(apply.getStderr()).as("apply warns about the trap")
                .contains("DNAT_DB_PORT: '8000'", "set DNAT_DB_PORT=8001");

        try {
            DoctorFindings broken = awaitFailure(node, seed, "db-listener", "doctor names the seed's port trap");
            assertThat(broken.summary("db-listener")).as("db-listener summary; %s", broken).isEqualTo(
                    "nothing listens on 127.0.0.1:8000, but local-proxy listens on 127.0.0.1:8001");
            assertThat(broken.remedy("db-listener")).as("db-listener remedy").startsWith("set DNAT_DB_PORT=8001");
        } finally {
            RuntimeNodeCli.run(node, "apply");
        }
        awaitHealthy(node, Map.of(), "doctor passes after apply with DNAT_DB_PORT=8001");
    }

    private static DoctorFindings awaitFailure(RuntimeNodeContainer node, Map<String, String> variables,
            String check, String alias) {
        AtomicReference<DoctorFindings> seen = new AtomicReference<>();
        await(alias)
                .atMost(DOCTOR_VERDICT)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    DoctorFindings findings = DoctorFindings.examine(node, variables);
                    seen.set(findings);
                    assertThat(findings.verdict(check)).as("verdict of %s; %s", check, findings).isEqualTo("FAIL");
                });
        DoctorFindings findings = seen.get();
        assertThat(findings.exitCode()).as("doctor's exit status with %s failing", check).isEqualTo(1);
        return findings;
    }

    private static void awaitHealthy(RuntimeNodeContainer node, Map<String, String> variables, String alias) {
        await(alias)
                .atMost(DOCTOR_VERDICT)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    DoctorFindings findings = DoctorFindings.examine(node, variables);
                    assertThat(findings.failed()).as("failed checks; %s", findings).isEmpty();
                    assertThat(findings.exitCode()).as("doctor's exit status").isZero();
                });
    }
}
