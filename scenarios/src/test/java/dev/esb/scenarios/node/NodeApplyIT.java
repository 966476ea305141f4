package dev.esb.scenarios.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.images.builder.Transferable;

import dev.esb.env.node.RuntimeNodeContainer;
import dev.esb.scenarios.support.NodeRules;
import dev.esb.scenarios.support.RuntimeNodeCli;
import dev.esb.scenarios.support.SharedEnvironment;
import dev.esb.scenarios.support.SharedSpareNode;
import dev.esb.scenarios.support.SpareNode;

/**
 * {@code runtime-node apply} with real iptables-nft in a real node, beside Docker's own DNS rules in the same nat
 * table: it is idempotent, it leaves {@code DOCKER_OUTPUT}/{@code DOCKER_POSTROUTING} alone, it replaces its own
 * rules when the variables change, and it refuses bad variables without touching anything. Runs on the spare node;
 * every scenario puts the default rules back.
 */
@ExtendWith({SharedEnvironment.class, SharedSpareNode.class})
class NodeApplyIT {

    private static final String GW = RuntimeNodeContainer.CNI_GW_IP;
    private static final String DB_OUTPUT_RULE =
            "-A ESB-OUTPUT -d " + GW + "/32 -p tcp -m tcp --dport 8001 -m comment --comment esb-db -j DNAT"
                    + " --to-destination 127.0.0.1:8001";

    @AfterEach
    void restoreTheDefaultRules(SpareNode spare) throws Exception {
        ExecResult apply = RuntimeNodeCli.run(spare.node(), "apply");
        assertThat(apply.getExitCode()).as("apply with the node's own variables restores the defaults: %s",
                RuntimeNodeCli.describe(apply)).isZero();
    }

    @Test
    void applyingTwiceLeavesAnIdenticalRuleset(SpareNode spare) throws Exception {
        RuntimeNodeContainer node = spare.node();
        String booted = NodeRules.ruleset(node);
        assertThat(NodeRules.ownedRules(booted)).as("rules the entrypoint applied at boot").contains(DB_OUTPUT_RULE);

        ExecResult first = RuntimeNodeCli.run(node, "apply");
        ExecResult second = RuntimeNodeCli.run(node, "apply");
        assertThat(first.getExitCode()).as("first apply: %s", RuntimeNodeCli.describe(first)).isZero();
        assertThat(second.getExitCode()).as("second apply: %s", RuntimeNodeCli.describe(second)).isZero();
        assertThat(second.getStdout()).as("second apply's report").contains("nothing to change");
        assertThat(NodeRules.ruleset(node)).as("iptables-save after applying twice").isEqualTo(booted);

        node.shell("iptables -t nat " + DB_OUTPUT_RULE.replaceFirst("^-A ", "-D "));
        ExecResult drifted = RuntimeNodeCli.run(node, "status");
        assertThat(drifted.getExitCode()).as("status once a rule was deleted by hand: %s",
                RuntimeNodeCli.describe(drifted)).isEqualTo(1);
        assertThat(drifted.getStdout()).as("status names the rule apply would put back")
                .contains("iptables-restore --noflush would run", DB_OUTPUT_RULE);

        RuntimeNodeCli.run(node, "apply");
        RuntimeNodeCli.run(node, "apply");
        assertThat(NodeRules.ruleset(node)).as("iptables-save after repairing with two applies").isEqualTo(booted);
        assertThat(RuntimeNodeCli.run(node, "status").getExitCode()).as("status after the repair").isZero();
    }

    @Test
    void dockersDnsStillResolvesNamesAfterApply(SpareNode spare) throws Exception {
        RuntimeNodeContainer node = spare.node();
        List<String> dockerRules = NodeRules.dockerRules(NodeRules.ruleset(node));
        assertThat(dockerRules).as("Docker's DNS chains in the node's nat table")
                .anyMatch(rule -> rule.startsWith("-A DOCKER_OUTPUT"))
                .anyMatch(rule -> rule.startsWith("-A DOCKER_POSTROUTING"));

        ExecResult apply = RuntimeNodeCli.run(node, Map.of("DNAT_APPLY_OUTPUT", "0"), "apply");
        assertThat(apply.getExitCode()).as("apply with other variables: %s", RuntimeNodeCli.describe(apply)).isZero();
        RuntimeNodeCli.run(node, "apply");
        assertResolves(node, "s3-storage");
        assertThat(NodeRules.dockerRules(NodeRules.ruleset(node))).as("Docker's DNS rules after two applies")
                .isEqualTo(dockerRules);

        // What a careless entrypoint does: flush the whole nat table, Docker's DNS included.
        String saved = node.execInContainer("iptables-save", "-t", "nat").getStdout();
        node.execInContainer("iptables", "-t", "nat", "-F", "DOCKER_OUTPUT");
        ExecResult lost = node.execInContainer("getent", "hosts", "s3-storage");
        assertThat(lost.getExitCode()).as("getent hosts s3-storage with DOCKER_OUTPUT flushed").isNotZero();

        node.copyFileToContainer(Transferable.of(saved), "/tmp/nat-before-flush.rules");
        node.execInContainer("iptables-restore", "-T", "nat", "/tmp/nat-before-flush.rules");
        assertResolves(node, "s3-storage");
        assertThat(NodeRules.dockerRules(NodeRules.ruleset(node))).as("Docker's DNS rules restored")
                .isEqualTo(dockerRules);
    }

    static Stream<Arguments> changedVariables() {
        return Stream.of(
                Arguments.of(Map.of("DNAT_APPLY_OUTPUT", "0"), List.of("-A ESB-PREROUTING -d " + GW),
                        List.of("ESB-OUTPUT")),
                Arguments.of(Map.of("DNAT_VL_IP", ""), List.of("--comment esb-s3"), List.of("esb-vl")),
                Arguments.of(Map.of("DNAT_DB_PORT", "8002"),
                        List.of("--comment esb-db -j DNAT --to-destination 127.0.0.1:8002"),
                        List.of("--to-destination 127.0.0.1:8001")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changedVariables")
    void changedVariablesReplaceOurRulesAndLeaveDockersAlone(Map<String, String> variables, List<String> wanted,
            List<String> gone, SpareNode spare) throws Exception {
        RuntimeNodeContainer node = spare.node();
        String defaults = NodeRules.ruleset(node);

        ExecResult apply = RuntimeNodeCli.run(node, variables, "apply");
        assertThat(apply.getExitCode()).as("apply with %s: %s", variables, RuntimeNodeCli.describe(apply)).isZero();

        String changed = NodeRules.ruleset(node);
        String planned = RuntimeNodeCli.run(node, variables, "plan").getStdout();
        List<String> owned = NodeRules.ownedRules(changed);
        for (String fragment : wanted) {
            assertThat(owned).as("owned rules after %s", variables).anyMatch(rule -> rule.contains(fragment));
        }
        for (String fragment : gone) {
            assertThat(owned).as("owned rules after %s", variables).noneMatch(rule -> rule.contains(fragment));
        }
        owned.stream().filter(rule -> rule.startsWith("-A ESB-")).forEach(rule -> assertThat(planned)
                .as("plan for %s lists the applied rule %s", variables, rule).contains(rule));
        assertThat(NodeRules.dockerRules(changed)).as("Docker's rules after %s", variables)
                .isEqualTo(NodeRules.dockerRules(defaults));
        assertThat(RuntimeNodeCli.run(node, variables, "status").getExitCode())
                .as("status under %s right after applying them", variables).isZero();

        RuntimeNodeCli.run(node, "apply");
        assertThat(NodeRules.ruleset(node)).as("iptables-save after going back to the defaults").isEqualTo(defaults);
    }

    @Test
    void invalidVariablesAreRefusedByNameAndNothingIsApplied(SpareNode spare) throws Exception {
        RuntimeNodeContainer node = spare.node();
        String before = NodeRules.ruleset(node);
        String conflistBefore = node.execInContainer("cat", "/etc/cni/net.d/10-esb.conflist").getStdout();

        // One valid change rides along with the bad ones: it must not be applied either.
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("DNAT_APPLY_OUTPUT", "0");
        variables.put("DNAT_DB_PORT", "80x1");
        variables.put("CNI_GW_IP", "10.88.0.300");
        variables.put("RUNTIME_NODE_HARDENED", "maybe");
        ExecResult apply = RuntimeNodeCli.run(node, variables, "apply");

        assertThat(apply.getExitCode()).as("apply with invalid variables: %s", RuntimeNodeCli.describe(apply))
                .isEqualTo(2);
        assertThat(apply.getStderr()).as("apply's error names each variable, its value and what was expected")
                .contains("DNAT_DB_PORT: '80x1' (expected: a port 1-65535)")
                .contains("CNI_GW_IP: '10.88.0.300' (expected: ")
                .contains("RUNTIME_NODE_HARDENED: 'maybe' (expected: ")
                .contains("nothing was applied");
        assertThat(NodeRules.ruleset(node)).as("iptables-save after the refused apply").isEqualTo(before);
        assertThat(node.execInContainer("cat", "/etc/cni/net.d/10-esb.conflist").getStdout())
                .as("conflist after the refused apply").isEqualTo(conflistBefore);
        assertThat(RuntimeNodeCli.run(node, variables, "plan").getExitCode()).as("plan with the same variables")
                .isEqualTo(2);

        variables.keySet().retainAll(List.of("DNAT_APPLY_OUTPUT"));
        ExecResult fixed = RuntimeNodeCli.run(node, variables, "apply");
        assertThat(fixed.getExitCode()).as("apply once the variables are fixed: %s", RuntimeNodeCli.describe(fixed))
                .isZero();
        assertThat(NodeRules.ownedRules(NodeRules.ruleset(node))).as("owned rules with DNAT_APPLY_OUTPUT=0")
                .noneMatch(rule -> rule.contains("ESB-OUTPUT"));
    }

    private static void assertResolves(RuntimeNodeContainer node, String name) {
        await("Docker's DNS answers " + name + " inside " + node.name())
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> {
                    ExecResult getent = node.execInContainer("getent", "hosts", name);
                    assertThat(getent.getStdout()).as("getent hosts %s (exit %d)", name, getent.getExitCode())
                            .matches("(?s)\\d+\\.\\d+\\.\\d+\\.\\d+\\s+" + name + ".*");
                });
    }
}
