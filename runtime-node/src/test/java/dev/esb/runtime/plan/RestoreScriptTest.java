package dev.esb.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.esb.runtime.config.ConfigException;
import dev.esb.runtime.config.NodeVariables;
import dev.esb.runtime.host.Ruleset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestoreScriptTest {
    private static final String DOCKER_NAT = """
            *nat
            :PREROUTING ACCEPT [0:0]
            :INPUT ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            :POSTROUTING ACCEPT [0:0]
            :DOCKER_OUTPUT - [0:0]
            :DOCKER_POSTROUTING - [0:0]
            -A OUTPUT -d 127.0.0.11/32 -j DOCKER_OUTPUT
            -A POSTROUTING -d 127.0.0.11/32 -j DOCKER_POSTROUTING
            -A DOCKER_OUTPUT -d 127.0.0.11/32 -p udp -m udp --dport 53 -j DNAT --to-destination 127.0.0.11:52311
            COMMIT
            """;

    private static RulePlan rules(Map<String, String> variables) throws ConfigException {
        return Planner.plan(NodeVariables.read(variables)).rules();
    }

    @Test
    void declaresOwnChainsAndInsertsJumpsOnAFreshNode() throws ConfigException {
        String script = RestoreScript.reconcile(rules(Map.of()), Ruleset.parse(DOCKER_NAT));

        assertThat(script).as("script")
                .startsWith("*nat\n:ESB-PREROUTING - [0:0]\n:ESB-OUTPUT - [0:0]\n")
                .contains("-I PREROUTING -j ESB-PREROUTING\n", "-I OUTPUT -j ESB-OUTPUT\n")
                .endsWith("COMMIT\n");
        assertThat(script).as("never names Docker's chains or flushes a built-in chain")
                .doesNotContain("DOCKER_", ":PREROUTING", ":OUTPUT ", "-F");
    }

    @Test
    void writesNothingWhenTheNodeAlreadyMatches() throws ConfigException {
        RulePlan plan = rules(Map.of());
        String applied = savedAfter(plan);

        assertThat(RestoreScript.reconcile(plan, Ruleset.parse(applied))).as("second script").isEmpty();
    }

    @Test
    void rewritesOnlyTheChainWhoseRulesChanged() throws ConfigException {
        String applied = savedAfter(rules(Map.of()));

        String script = RestoreScript.reconcile(rules(Map.of("DNAT_DB_PORT", "8000")), Ruleset.parse(applied));

        assertThat(script).as("script").contains(":ESB-PREROUTING - [0:0]", ":ESB-OUTPUT - [0:0]",
                "--to-destination 127.0.0.1:8000").doesNotContain("-I ", "-D ", "-X ");
    }

    @Test
    void deletesSurplusCopiesOfAJump() throws ConfigException {
        RulePlan plan = rules(Map.of());
        String applied = savedAfter(plan).replace("-A PREROUTING -j ESB-PREROUTING\n",
                "-A PREROUTING -j ESB-PREROUTING\n-A PREROUTING -j ESB-PREROUTING\n-A PREROUTING -j ESB-PREROUTING\n");

        String script = RestoreScript.reconcile(plan, Ruleset.parse(applied));

        assertThat(script).as("script").isEqualTo(
                "*nat\n-D PREROUTING -j ESB-PREROUTING\n-D PREROUTING -j ESB-PREROUTING\nCOMMIT\n");
    }

    @Test
    void removesAnOwnedChainThePlanNoLongerWants() throws ConfigException {
        String applied = savedAfter(rules(Map.of()));

        String script = RestoreScript.reconcile(rules(Map.of("DNAT_APPLY_OUTPUT", "0")), Ruleset.parse(applied));

        assertThat(script).as("script").isEqualTo("*nat\n:ESB-OUTPUT - [0:0]\n-D OUTPUT -j ESB-OUTPUT\n-X ESB-OUTPUT\n"
                + "COMMIT\n");
    }

    @Test
    void addsAndRemovesTheGuardInTheFilterTable() throws ConfigException {
        String hardened = RestoreScript.reconcile(rules(Map.of("RUNTIME_NODE_HARDENED", "1")), Ruleset.empty());
        assertThat(hardened).as("hardened script").contains("*filter\n:ESB-INPUT - [0:0]\n" + Planner.guardRule()
                + "\n-I INPUT -j ESB-INPUT\nCOMMIT\n");

        Map<String, String> open = Map.of("DNAT_APPLY_OUTPUT", "0");
        String savedWithGuard = savedAfter(rules(open)) + "*filter\n:INPUT ACCEPT [0:0]\n:ESB-INPUT - [0:0]\n"
                + "-A INPUT -j ESB-INPUT\n" + Planner.guardRule() + "\nCOMMIT\n";
        String switchedOff = RestoreScript.reconcile(rules(open), Ruleset.parse(savedWithGuard));
        assertThat(switchedOff).as("script after hardened mode is switched off")
                .isEqualTo("*filter\n:ESB-INPUT - [0:0]\n-D INPUT -j ESB-INPUT\n-X ESB-INPUT\nCOMMIT\n");
    }

    /** What iptables-save would print after the plan's fresh-node script, written by hand from the plan. */
    private static String savedAfter(RulePlan plan) {
        StringBuilder saved = new StringBuilder("*nat\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n");
        plan.chains(Chains.NAT).forEach(chain -> saved.append(':').append(chain.name()).append(" - [0:0]\n"));
        plan.jumps(Chains.NAT).forEach(jump -> saved.append(jump.spec()).append('\n'));
        plan.chains(Chains.NAT).forEach(chain -> chain.rules().forEach(rule -> saved.append(rule).append('\n')));
        return saved.append("COMMIT\n").toString();
    }
}
