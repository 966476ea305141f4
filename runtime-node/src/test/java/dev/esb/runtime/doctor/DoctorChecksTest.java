package dev.esb.runtime.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.esb.runtime.apply.NodeApplier;
import dev.esb.runtime.config.ConfigException;
import dev.esb.runtime.config.NodeVariables;
import dev.esb.runtime.config.Service;
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

/** Each check's PASS on a healthy fake node, and its FAIL with the cause named when its condition breaks. */
class DoctorChecksTest {
    @TempDir
    Path cniConfDir;

    private FakeNode node;
    private NodeReader reader;

    @BeforeEach
    void healthyNode() {
        node = new FakeNode();
        node.iptables().withDockerDns();
        node.listening("127.0.0.1:9000", "127.0.0.1:8001", "127.0.0.1:9428", "*:443")
                .answer("getent hosts s3-storage", CommandResult.ok("172.18.0.4      s3-storage\n"))
                .answer("getent hosts database", CommandResult.ok("172.18.0.5      database\n"))
                .answer("getent hosts victorialogs", CommandResult.ok("172.18.0.6      victorialogs\n"))
                .answer("ctr version", CommandResult.ok("Client:\n  Version: 1.6.20\nServer:\n  Version: 1.6.20\n"))
                .http("http://s3-storage:9000/", 403).http("http://database:8000/", 400)
                .http("http://victorialogs:9428/", 200)
                .http("http://10.88.0.1:9000/health", 404).http("http://10.88.0.1:8001/health", 400)
                .http("http://10.88.0.1:9428/health", 200).http("https://10.88.0.1:443/health", 200);
        reader = new NodeReader(node);
    }

    private NodePlan applied(Map<String, String> variables) throws Exception {
        NodePlan plan = Planner.plan(NodeVariables.read(variables));
        new NodeApplier(reader, cniConfDir.resolve(NodePlan.CONFLIST_FILE)).apply(plan);
        return plan;
    }

    private static NodePlan planOf(Map<String, String> variables) throws ConfigException {
        return Planner.plan(NodeVariables.read(variables));
    }

    private CheckResult result(List<CheckResult> results, String id) {
        return results.stream().filter(result -> result.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void passesEveryCheckOnAHealthyNode() throws Exception {
        NodePlan plan = applied(Map.of());

        List<CheckResult> results = Doctor.forPlan(plan, node, cniConfDir).examine();

        assertThat(results).as("verdicts").allSatisfy(result -> assertThat(result.verdict())
                .as("%s: %s", result.id(), result.summary()).isIn(Verdict.PASS, Verdict.SKIP));
        assertThat(result(results, "localnet-guard").verdict()).as("guard when not hardened").isEqualTo(Verdict.SKIP);
        assertThat(results).as("checks").extracting(CheckResult::id).containsExactly("iptables-backend", "dnat-rules",
                "route-localnet", "ip-forward", "localnet-guard", "cni-bridge", "cni-conflist", "containerd",
                "s3-listener", "s3-backend", "s3-via-gateway", "db-listener", "db-backend", "db-via-gateway",
                "vl-listener", "vl-backend", "vl-via-gateway", "gateway-health");
        assertThat(DoctorReport.healthy(results)).as("healthy").isTrue();
    }

    @Test
    void dnatRulesShowCountersAndNameMissingAndStaleRules() throws Exception {
        NodePlan plan = applied(Map.of());
        String rule = plan.rules().chains().get(0).rules().get(1);
        node.iptables().count(rule, 7, 420);

        CheckResult healthy = new DnatRulesCheck(reader, plan).run();
        assertThat(healthy.verdict()).as("verdict").isEqualTo(Verdict.PASS);
        assertThat(healthy.summary()).as("summary").isEqualTo("6 rules as configured, 7 packets DNATed so far");
        assertThat(healthy.evidence()).as("evidence").contains("[7:420] " + rule);

        CheckResult drifted = new DnatRulesCheck(reader, planOf(Map.of("DNAT_DB_PORT", "8000",
                "DNAT_APPLY_OUTPUT", "0"))).run();
        assertThat(drifted.verdict()).as("verdict after variables changed").isEqualTo(Verdict.FAIL);
        assertThat(drifted.summary()).as("summary").isEqualTo("missing rules in ESB-PREROUTING, unexpected rule in"
                + " ESB-PREROUTING, stale chain ESB-OUTPUT");
        assertThat(drifted.remedy()).as("remedy").contains("runtime-node apply");
    }

    @Test
    void dnatRulesFailWhenTheJumpIsGone() throws Exception {
        NodePlan plan = planOf(Map.of());
        node.iptables().restore("*nat\n:ESB-PREROUTING - [0:0]\n" + String.join("\n",
                plan.rules().chains().get(0).rules()) + "\n:ESB-OUTPUT - [0:0]\n" + String.join("\n",
                plan.rules().chains().get(1).rules()) + "\n-I OUTPUT -j ESB-OUTPUT\nCOMMIT\n");

        CheckResult result = new DnatRulesCheck(reader, plan).run();

        assertThat(result.verdict()).as("verdict").isEqualTo(Verdict.FAIL);
        assertThat(result.summary()).as("summary").isEqualTo("no jump from PREROUTING to ESB-PREROUTING");
        assertThat(result.evidence()).as("evidence").contains("MISSING -A PREROUTING -j ESB-PREROUTING");
    }

    @Test
    void routeLocalnetFailsWithTheValueFound() throws Exception {
        NodePlan plan = planOf(Map.of());
        node.sysctl("net.ipv4.conf.all.route_localnet", "1");
        assertThat(new SysctlCheck(reader, plan, "route-localnet", "route_localnet").run().verdict())
                .as("verdict with 1").isEqualTo(Verdict.PASS);

        node.sysctl("net.ipv4.conf.all.route_localnet", "0");
        CheckResult result = new SysctlCheck(reader, plan, "route-localnet", "route_localnet").run();

        assertThat(result.verdict()).as("verdict with 0").isEqualTo(Verdict.FAIL);
        assertThat(result.summary()).as("summary").isEqualTo("net.ipv4.conf.all.route_localnet is 0");
        assertThat(result.evidence()).as("evidence").containsExactly("net.ipv4.conf.all.route_localnet = 0 (wanted 1)");
        assertThat(result.remedy()).as("remedy").contains("--sysctl");
    }

    @Test
    void hardenedRouteLocalnetFailsWhileTheBridgeIsMissing() throws Exception {
        CheckResult result = new SysctlCheck(reader, planOf(Map.of("RUNTIME_NODE_HARDENED", "1")), "route-localnet",
                "route_localnet").run();

        assertThat(result.verdict()).as("verdict").isEqualTo(Verdict.FAIL);
        assertThat(result.evidence()).as("evidence")
                .contains("net.ipv4.conf.cni0.route_localnet = (absent) (wanted 1)");
    }

    @Test
    void localnetGuardPassesInHardenedModeAndFailsWhenRemoved() throws Exception {
        NodePlan plan = applied(Map.of("RUNTIME_NODE_HARDENED", "1"));
        node.iptables().count(Planner.guardRule(), 3, 180);
        CheckResult guarded = new LocalnetGuardCheck(reader, plan).run();
        assertThat(guarded.verdict()).as("verdict").isEqualTo(Verdict.PASS);
        assertThat(guarded.summary()).as("summary").endsWith("3 dropped so far");

        node.iptables().restore("*filter\n:ESB-INPUT - [0:0]\n-D INPUT -j ESB-INPUT\n-X ESB-INPUT\nCOMMIT\n");
        CheckResult result = new LocalnetGuardCheck(reader, plan).run();

        assertThat(result.verdict()).as("verdict without the guard").isEqualTo(Verdict.FAIL);
        assertThat(result.evidence()).as("evidence").contains("MISSING " + Planner.guardRule(),
                "MISSING -A INPUT -j ESB-INPUT");
    }

    @Test
    void iptablesBackendFailsOnLegacy() {
        assertThat(new IptablesBackendCheck(node).run().verdict()).as("nf_tables").isEqualTo(Verdict.PASS);

        node.iptablesVersion("iptables v1.8.9 (legacy)");
        CheckResult result = new IptablesBackendCheck(node).run();

        assertThat(result.verdict()).as("legacy").isEqualTo(Verdict.FAIL);
        assertThat(result.evidence()).as("evidence").containsExactly("iptables v1.8.9 (legacy)");
        assertThat(result.remedy()).as("remedy").contains("iptables-nft");
    }

    @Test
    void bridgeFailsWhenMissingDownOrWithoutTheGateway() throws Exception {
        NodePlan plan = planOf(Map.of());
        assertThat(new BridgeCheck(reader, plan.bridge()).run().summary()).as("missing")
                .isEqualTo("cni0 does not exist");

        node.link("cni0", false, "10.88.0.1/16");
        assertThat(new BridgeCheck(reader, plan.bridge()).run().summary()).as("down").isEqualTo("cni0 is down");

        node.link("cni0", true, "10.77.0.1/16");
        CheckResult wrong = new BridgeCheck(reader, plan.bridge()).run();
        assertThat(wrong.verdict()).as("wrong address").isEqualTo(Verdict.FAIL);
        assertThat(wrong.summary()).as("wrong address").isEqualTo("cni0 lacks 10.88.0.1/16");

        node.link("cni0", true, "10.88.0.1/16");
        assertThat(new BridgeCheck(reader, plan.bridge()).run().verdict()).as("healthy").isEqualTo(Verdict.PASS);
    }

    @Test
    void conflistFailsWhenMissingDifferentOrShadowed() throws Exception {
        NodePlan plan = planOf(Map.of());
        assertThat(new ConflistCheck(cniConfDir, plan).run().summary()).as("missing").endsWith("is missing");

        Files.writeString(cniConfDir.resolve(NodePlan.CONFLIST_FILE), "{}");
        assertThat(new ConflistCheck(cniConfDir, plan).run().summary()).as("differs").endsWith("differs from the plan");

        Files.writeString(cniConfDir.resolve(NodePlan.CONFLIST_FILE), plan.conflist());
        Files.writeString(cniConfDir.resolve("05-other.conflist"), "{}");
        CheckResult shadowed = new ConflistCheck(cniConfDir, plan).run();
        assertThat(shadowed.verdict()).as("shadowed").isEqualTo(Verdict.FAIL);
        assertThat(shadowed.summary()).as("shadowed").startsWith("05-other.conflist sorts before 10-esb.conflist");

        Files.delete(cniConfDir.resolve("05-other.conflist"));
        assertThat(new ConflistCheck(cniConfDir, plan).run().verdict()).as("healthy").isEqualTo(Verdict.PASS);
    }

    @Test
    void containerdFailsWhenItsSocketDoesNotAnswer() {
        assertThat(new ContainerdCheck(node).run().verdict()).as("answering").isEqualTo(Verdict.PASS);

        node.answer("ctr version", new CommandResult(1, "Client:\n  Version: 1.6.20\n",
                "ctr: failed to dial \"/run/containerd/containerd.sock\": connection refused"));
        CheckResult result = new ContainerdCheck(node).run();

        assertThat(result.verdict()).as("down").isEqualTo(Verdict.FAIL);
        assertThat(result.summary()).as("summary").contains("failed to dial");
    }

    @Test
    void listenerNamesTheSeedTrapAndItsFix() throws Exception {
        NodePlan trap = planOf(Map.of("DNAT_DB_PORT", "8000"));

        CheckResult result = new ListenerCheck(reader, trap.config().dnat(Service.DB)).run();

        assertThat(result.verdict()).as("verdict").isEqualTo(Verdict.FAIL);
        assertThat(result.summary()).as("summary").isEqualTo("nothing listens on 127.0.0.1:8000, but local-proxy"
                + " listens on 127.0.0.1:8001");
        assertThat(result.remedy()).as("remedy").startsWith("set DNAT_DB_PORT=8001");
        assertThat(new ListenerCheck(reader, planOf(Map.of()).config().dnat(Service.DB)).run().verdict())
                .as("default port").isEqualTo(Verdict.PASS);
    }

    @Test
    void listenerFailsWhenLocalProxyIsNotRunningAndSkipsServicesWithoutRule() throws Exception {
        node.listening("*:443");
        CheckResult down = new ListenerCheck(reader, planOf(Map.of()).config().dnat(Service.S3)).run();
        assertThat(down.verdict()).as("verdict").isEqualTo(Verdict.FAIL);
        assertThat(down.remedy()).as("remedy").startsWith("start local-proxy");

        var s3WithoutRule = planOf(Map.of("DNAT_S3_IP", "")).config().dnat(Service.S3);
        CheckResult skipped = new ListenerCheck(reader, s3WithoutRule).run();
        assertThat(skipped.verdict()).as("no rule").isEqualTo(Verdict.SKIP);
        assertThat(skipped.summary()).as("reason").isEqualTo("no DNAT rule (DNAT_S3_IP is empty)");
    }

    @Test
    void backendFailsWhenItDoesNotResolveOrDoesNotAnswer() throws Exception {
        var db = planOf(Map.of()).config().dnat(Service.DB);
        CheckResult healthy = new BackendCheck(node, db).run();
        assertThat(healthy.verdict()).as("healthy").isEqualTo(Verdict.PASS);
        assertThat(healthy.evidence()).as("evidence").containsExactly("database -> 172.18.0.5",
                "HTTP 400 from http://database:8000/");

        node.httpFails("http://database:8000/", 7, "Failed to connect to database port 8000: Connection refused");
        CheckResult refused = new BackendCheck(node, db).run();
        assertThat(refused.verdict()).as("refused").isEqualTo(Verdict.FAIL);
        assertThat(refused.evidence()).as("evidence").contains("http://database:8000/: the connection was refused"
                + " (Failed to connect to database port 8000: Connection refused)");

        node.answer("getent hosts database", CommandResult.failed(2, ""));
        CheckResult unresolved = new BackendCheck(node, db).run();
        assertThat(unresolved.summary()).as("unresolved").isEqualTo("database does not resolve");
        assertThat(unresolved.remedy()).as("remedy").contains("127.0.0.11");
    }

    @Test
    void viaGatewayNamesWhyTheServiceDoesNotAnswer() throws Exception {
        NodePlan plan = planOf(Map.of());
        var s3 = plan.config().dnat(Service.S3);
        assertThat(new ViaGatewayCheck(node, plan.config(), s3).run().evidence()).as("healthy")
                .containsExactly("HTTP 404 from http://10.88.0.1:9000/health");

        node.httpFails("http://10.88.0.1:9000/health", 52, "Empty reply from server");
        CheckResult closed = new ViaGatewayCheck(node, plan.config(), s3).run();
        assertThat(closed.summary()).as("closed")
                .isEqualTo("local-proxy accepted and closed: its backend is not answering");

        node.httpFails("http://10.88.0.1:9000/health", 7, "Couldn't connect to server");
        CheckResult refused = new ViaGatewayCheck(node, plan.config(), s3).run();
        assertThat(refused.summary()).as("refused").isEqualTo("refused: nothing accepts behind 127.0.0.1:9000");

        NodePlan noOutput = planOf(Map.of("DNAT_APPLY_OUTPUT", "0"));
        CheckResult undnated = new ViaGatewayCheck(node, noOutput.config(), noOutput.config().dnat(Service.S3)).run();
        assertThat(undnated.summary()).as("output off").isEqualTo("DNAT_APPLY_OUTPUT is off, so traffic from this"
                + " namespace is not DNATed");
    }

    @Test
    void gatewayHealthFailsOnAnErrorStatusOrNoAnswer() throws Exception {
        var config = planOf(Map.of()).config();
        assertThat(new GatewayHealthCheck(node, config).run().verdict()).as("healthy").isEqualTo(Verdict.PASS);

        node.http("https://10.88.0.1:443/health", 503);
        assertThat(new GatewayHealthCheck(node, config).run().summary()).as("503")
                .isEqualTo("the gateway answered 503");

        node.httpFails("https://10.88.0.1:443/health", 35, "OpenSSL SSL_connect: SSL_ERROR_SYSCALL");
        CheckResult tls = new GatewayHealthCheck(node, config).run();
        assertThat(tls.verdict()).as("tls").isEqualTo(Verdict.FAIL);
        assertThat(tls.evidence()).as("evidence").containsExactly("https://10.88.0.1:443/health: the TLS handshake"
                + " failed (OpenSSL SSL_connect: SSL_ERROR_SYSCALL)");
        assertThat(node.callsOf("curl")).as("curl from the bridge address").last().asString()
                .contains("-k --interface 10.88.0.1 https://10.88.0.1:443/health");
    }

    @Test
    void reportsAThrowingCheckAsFailAndRendersJson() throws Exception {
        Check broken = new Check() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public CheckResult run() throws Exception {
                throw new java.io.IOException("ss: not found");
            }
        };

        List<CheckResult> results = new Doctor(List.of(broken, new IptablesBackendCheck(node))).examine();
        JsonNode json = new ObjectMapper().readTree(DoctorReport.json(results));

        assertThat(results.get(0).summary()).as("summary").isEqualTo("the check itself failed: ss: not found");
        assertThat(json.get("healthy").asBoolean()).as("healthy").isFalse();
        assertThat(json.get("fail").asInt()).as("fail count").isEqualTo(1);
        assertThat(json.get("checks").get(1).get("evidence").get(0).asText()).as("evidence")
                .isEqualTo("iptables v1.8.9 (nf_tables)");
        assertThat(DoctorReport.text(results)).as("text").contains("FAIL  broken            the check itself failed",
                "doctor: 1 PASS, 1 FAIL, 0 SKIP");
    }
}
