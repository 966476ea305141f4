package dev.esb.runtime.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.esb.runtime.config.ConfigException;
import dev.esb.runtime.config.NodeVariables;
import dev.esb.runtime.host.CommandResult;
import dev.esb.runtime.host.NodeReader;
import dev.esb.runtime.plan.NodePlan;
import dev.esb.runtime.plan.Planner;
import dev.esb.runtime.testing.FakeNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeApplierTest {
    @TempDir
    Path cniConfDir;

    private FakeNode node;
    private NodeApplier applier;

    @BeforeEach
    void freshNodeWithDockerDns() {
        node = new FakeNode();
        node.iptables().withDockerDns();
        applier = new NodeApplier(new NodeReader(node), cniConfDir.resolve(NodePlan.CONFLIST_FILE));
    }

    private static NodePlan plan(Map<String, String> variables) throws ConfigException {
        return Planner.plan(NodeVariables.read(variables));
    }

    private static List<String> lines(String saved, String prefix) {
        return saved.lines().filter(line -> line.startsWith(prefix)).toList();
    }

    @Test
    void applyingTwiceLeavesAnIdenticalIptablesSaveAndRestoresOnlyOnce() throws Exception {
        NodePlan plan = plan(Map.of());

        ApplyOutcome first = applier.apply(plan);
        String afterFirst = node.iptables().saveAll();
        ApplyOutcome second = applier.apply(plan);

        assertThat(first.changes()).as("first apply changes").isNotEmpty();
        assertThat(second.changes()).as("second apply changes").isEmpty();
        assertThat(node.iptables().saveAll()).as("iptables-save after the second apply").isEqualTo(afterFirst);
        assertThat(node.callsOf("iptables-restore")).as("restores").containsExactly("iptables-restore --noflush");
        assertThat(lines(afterFirst, "-A PREROUTING")).as("jumps from PREROUTING")
                .containsExactly("-A PREROUTING -j ESB-PREROUTING");
    }

    @Test
    void leavesDockerDnsChainsUntouched() throws Exception {
        String before = node.iptables().saveAll();

        applier.apply(plan(Map.of()));
        applier.apply(plan(Map.of("DNAT_DB_PORT", "8000", "DNAT_APPLY_OUTPUT", "0")));

        String after = node.iptables().saveAll();
        assertThat(lines(after, "-A DOCKER_")).as("Docker's rules").isEqualTo(lines(before, "-A DOCKER_"));
        assertThat(after).as("Docker's jumps").contains("-A OUTPUT -d 127.0.0.11/32 -j DOCKER_OUTPUT",
                "-A POSTROUTING -d 127.0.0.11/32 -j DOCKER_POSTROUTING");
    }

    @Test
    void changedVariablesReplaceOurRules() throws Exception {
        applier.apply(plan(Map.of()));

        applier.apply(plan(Map.of("DNAT_DB_PORT", "8000", "DNAT_VL_IP", "")));

        String saved = node.iptables().save("nat", false);
        assertThat(lines(saved, "-A ESB-PREROUTING")).as("PREROUTING rules").containsExactly(
                "-A ESB-PREROUTING -d 10.88.0.1/32 -p tcp -m tcp --dport 9000 -m comment --comment esb-s3"
                        + " -j DNAT --to-destination 127.0.0.1:9000",
                "-A ESB-PREROUTING -d 10.88.0.1/32 -p tcp -m tcp --dport 8001 -m comment --comment esb-db"
                        + " -j DNAT --to-destination 127.0.0.1:8000");
        assertThat(lines(saved, "-A OUTPUT -j ESB")).as("OUTPUT jumps").hasSize(1);
    }

    @Test
    void switchingOutputOffRemovesTheOutputChainAndItsJump() throws Exception {
        applier.apply(plan(Map.of()));

        applier.apply(plan(Map.of("DNAT_APPLY_OUTPUT", "0")));

        String saved = node.iptables().save("nat", false);
        assertThat(saved).as("nat table").doesNotContain("ESB-OUTPUT").contains("-A PREROUTING -j ESB-PREROUTING");
    }

    @Test
    void hardenedModeLimitsRouteLocalnetToTheBridgeAndAddsTheGuard() throws Exception {
        node.sysctl("net.ipv4.conf.all.route_localnet", "1");

        applier.apply(plan(Map.of("RUNTIME_NODE_HARDENED", "1")));

        assertThat(node.sysctlValue("net.ipv4.conf.all.route_localnet")).as("all").isEqualTo("0");
        assertThat(node.sysctlValue("net.ipv4.conf.cni0.route_localnet")).as("cni0").isEqualTo("1");
        assertThat(node.iptables().save("filter", false)).as("filter table")
                .contains("-A INPUT -j ESB-INPUT", Planner.guardRule());

        applier.apply(plan(Map.of()));
        assertThat(node.iptables().save("filter", false)).as("filter table after hardened mode is off")
                .doesNotContain("ESB-INPUT");
        assertThat(node.sysctlValue("net.ipv4.conf.all.route_localnet")).as("all after").isEqualTo("1");
    }

    @Test
    void createsTheBridgeWithTheGatewayAddressBeforeWritingSysctls() throws Exception {
        applier.apply(plan(Map.of("RUNTIME_NODE_HARDENED", "1")));

        List<String> calls = node.calls().stream().map(argv -> String.join(" ", argv)).toList();
        assertThat(calls).as("commands").containsSubsequence("ip link add cni0 type bridge",
                "ip addr add 10.88.0.1/16 dev cni0", "ip link set cni0 up",
                "sysctl -w net.ipv4.conf.cni0.route_localnet=1");
    }

    @Test
    void replacesABridgeAddressLeftByAnEarlierGateway() throws Exception {
        node.link("cni0", true, "10.77.0.1/16");

        List<String> changes = applier.apply(plan(Map.of())).changes();

        assertThat(changes).as("changes")
                .contains("bridge cni0: removed 10.77.0.1/16", "bridge cni0: added 10.88.0.1/16");
        assertThat(new NodeReader(node).ipv4Addresses("cni0")).as("addresses").containsExactly("10.88.0.1/16");
    }

    @Test
    void skipsSysctlsThatAlreadyHoldTheirValue() throws Exception {
        node.sysctl("net.ipv4.ip_forward", "1").sysctl("net.ipv4.conf.all.route_localnet", "1").procSysReadOnly(false);

        applier.apply(plan(Map.of()));

        assertThat(node.callsOf("sysctl")).as("sysctl calls").allMatch(call -> call.startsWith("sysctl -n"));
        assertThat(node.callsOf("mount")).as("mount calls").isEmpty();
    }

    @Test
    void remountsReadOnlyProcSysToWriteAndRestoresItAfterwards() throws Exception {
        node.procSysReadOnly(true);

        List<String> changes = applier.apply(plan(Map.of())).changes();

        assertThat(changes).as("changes").contains("net.ipv4.ip_forward: 0 -> 1",
                "net.ipv4.conf.all.route_localnet: 0 -> 1");
        assertThat(node.callsOf("mount")).as("mount calls")
                .containsExactly("mount -o remount,rw /proc/sys", "mount -o remount,bind,ro /proc/sys");
        assertThat(node.procSysIsReadOnly()).as("/proc/sys read-only again").isTrue();
    }

    @Test
    void explainsAReadOnlyProcSysWithoutSysAdminAndAppliesNoRules() throws ConfigException {
        node.procSysReadOnly(false);

        ApplyException error = catchThrowableOfType(ApplyException.class, () -> applier.apply(plan(Map.of())));

        assertThat(error.getMessage()).as("message").isEqualTo("Failed to set net.ipv4.ip_forward=1: /proc/sys is"
                + " read-only and remounting it read-write failed (mount: /proc/sys: permission denied.). Grant"
                + " CAP_SYS_ADMIN (docker run --cap-add SYS_ADMIN), or set it at start with docker run --sysctl"
                + " net.ipv4.ip_forward=1");
        assertThat(node.callsOf("iptables-restore")).as("restores after the failure").isEmpty();
        assertThat(Files.exists(cniConfDir.resolve(NodePlan.CONFLIST_FILE))).as("conflist written").isFalse();
    }

    @Test
    void reportsARejectedRestoreAsNothingApplied() throws ConfigException {
        node.answer("iptables-restore", CommandResult.failed(2,
                "iptables-restore v1.8.9 (nf_tables): Couldn't load match `conntrack'\nError occurred at line: 3"));

        ApplyException error = catchThrowableOfType(ApplyException.class, () -> applier.apply(plan(Map.of())));

        assertThat(error.getMessage()).as("message").startsWith("iptables-restore rejected the rules, none of them"
                + " were applied: iptables-restore v1.8.9 (nf_tables): Couldn't load match `conntrack'");
    }

    @Test
    void writesTheConflistOnceAndLeavesAMatchingOneAlone() throws Exception {
        NodePlan plan = plan(Map.of());
        Path file = cniConfDir.resolve(NodePlan.CONFLIST_FILE);

        assertThat(applier.apply(plan).changes()).as("first apply").contains("conflist " + file + ": written");
        assertThat(Files.readString(file)).as("conflist").isEqualTo(plan.conflist());
        assertThat(applier.apply(plan).changes()).as("second apply").isEmpty();
    }

    @Test
    void warnsAboutTheSeedTrapWhenNothingListensOnTheDnatTarget() throws Exception {
        node.listening("127.0.0.1:9000", "127.0.0.1:8001", "127.0.0.1:9428");

        List<String> warnings = applier.apply(plan(Map.of("DNAT_DB_PORT", "8000"))).warnings();

        assertThat(warnings).as("warnings").containsExactly("nothing listens on 127.0.0.1:8000 (db) yet: connections"
                + " to 10.88.0.1:8001 are refused until something does");
    }

    @Test
    void deletesAJumpAnOperatorDuplicated() throws Exception {
        applier.apply(plan(Map.of()));
        node.iptables().append("nat", "-A PREROUTING -j ESB-PREROUTING");

        applier.apply(plan(Map.of()));

        assertThat(lines(node.iptables().save("nat", false), "-A PREROUTING -j ESB-PREROUTING"))
                .as("jumps after the repair").hasSize(1);
    }

    @Test
    void readsCountersWithoutTreatingThemAsDrift() throws Exception {
        NodePlan plan = plan(Map.of());
        applier.apply(plan);
        String rule = plan.rules().chains().get(0).rules().get(0);
        node.iptables().count(rule, 12, 720);

        assertThat(applier.apply(plan).changes()).as("changes once traffic has flowed").isEmpty();
    }

    @Test
    void failsWhenAPlannedSysctlDoesNotExist() throws ConfigException {
        node.answer("sysctl -n net.ipv4.ip_forward", CommandResult.failed(255, "sysctl: cannot stat"));

        ApplyException error = catchThrowableOfType(ApplyException.class, () -> applier.apply(plan(Map.of())));

        assertThat(error.getMessage()).as("message").isEqualTo("net.ipv4.ip_forward: no such kernel parameter"
                + " (/proc/sys/net/ipv4/ip_forward does not exist)");
    }
}
