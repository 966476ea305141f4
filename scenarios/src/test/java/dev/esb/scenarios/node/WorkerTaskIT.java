package dev.esb.scenarios.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.Container.ExecResult;

import dev.esb.env.node.RuntimeNodeContainer;
import dev.esb.env.topology.EsbEnvironment;
import dev.esb.scenarios.support.DoctorFindings;
import dev.esb.scenarios.support.NodeRules;
import dev.esb.scenarios.support.RuntimeNodeCli;
import dev.esb.scenarios.support.SharedEnvironment;
import dev.esb.scenarios.support.SharedSpareNode;
import dev.esb.scenarios.support.SpareNode;
import dev.esb.scenarios.support.WorkerTask;

/**
 * Flow 4 from a real task: {@code ctr run --cni} gives the worker a bridge address, and its request to
 * {@code 10.88.0.1:9000} is DNATed in PREROUTING to local-proxy, which forwards it to the S3 server.
 *
 * <pre>
 *   task 10.88.0.x ──cni0──▶ 10.88.0.1:9000 ──ESB-PREROUTING DNAT──▶ 127.0.0.1:9000 local-proxy ──▶ s3 :9000
 * </pre>
 */
@ExtendWith({SharedEnvironment.class, SharedSpareNode.class})
class WorkerTaskIT {

    private static final String GW = RuntimeNodeContainer.CNI_GW_IP;
    private static final String S3_RULE = "-A ESB-PREROUTING -d " + GW + "/32 -p tcp -m tcp --dport 9000 -m comment"
            + " --comment esb-s3 -j DNAT --to-destination 127.0.0.1:9000";
    private static final String S3_RULE_PATTERN = "-A ESB-PREROUTING .*--dport 9000 .*esb-s3";
    /** Prints the task's address, then the HTTP status of S3's health path through the gateway address. */
    private static final String WORKER_CALLS_S3 = "ip -4 -o addr show eth0;"
            + " curl -s -m 5 -o /dev/null -w 'status=%{http_code}' http://" + GW + ":9000/healthz;"
            + " echo \" curl=$?\"";

    @Test
    void workerTaskGetsABridgeAddressAndReachesS3ThroughPreroutingDnat(EsbEnvironment environment)
            throws Exception {
        RuntimeNodeContainer node = environment.runtimeNode();

        long before = NodeRules.packets(node, "nat", S3_RULE_PATTERN);
        ExecResult task = awaitWorkerReachesS3(node, "worker reaches S3 at " + GW + ":9000 on the shared node");

        assertThat(task.getStdout()).as("the task's eth0").containsPattern("inet 10\\.88\\.\\d+\\.\\d+/16 ");
        assertThat(NodeRules.packets(node, "nat", S3_RULE_PATTERN)).as("packets of the PREROUTING rule for :9000")
                .isGreaterThan(before);
    }

    @Test
    void workerLosesS3WhenItsPreroutingRuleIsGoneAndRegainsItAfterApply(SpareNode spare) throws Exception {
        RuntimeNodeContainer node = spare.node();
        awaitWorkerReachesS3(node, "worker reaches S3 on the spare node");

        node.shell("iptables -t nat " + S3_RULE.replaceFirst("^-A ", "-D "));
        try {
            ExecResult refused = WorkerTask.run(node, "worker-no-dnat", WORKER_CALLS_S3);
            // Without DNAT the SYN is for the node's own 10.88.0.1:9000, where nothing listens: a reset.
            assertThat(refused.getStdout()).as("worker's call without the PREROUTING rule: %s", refused.getStderr())
                    .contains("status=000 curl=7");
            DoctorFindings findings = DoctorFindings.examine(node);
            assertThat(findings.evidence("dnat-rules")).as("doctor's dnat-rules evidence; %s", findings)
                    .contains("MISSING " + S3_RULE);
        } finally {
            RuntimeNodeCli.run(node, "apply");
        }

        long before = NodeRules.packets(node, "nat", S3_RULE_PATTERN);
        awaitWorkerReachesS3(node, "worker reaches S3 again after apply");
        assertThat(NodeRules.packets(node, "nat", S3_RULE_PATTERN)).as("packets of the restored PREROUTING rule")
                .isGreaterThan(before);
    }

    private static ExecResult awaitWorkerReachesS3(RuntimeNodeContainer node, String alias) {
        AtomicReference<ExecResult> last = new AtomicReference<>();
        try {
            WorkerTask.requireWritableProc(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        await(alias)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    ExecResult task = WorkerTask.run(node, "worker-s3", WORKER_CALLS_S3);
                    last.set(task);
                    assertThat(task.getStdout()).as("worker's call to S3 (ctr exit %d): %s", task.getExitCode(),
                            task.getStderr()).contains("status=200 curl=0");
                });
        return last.get();
    }
}
