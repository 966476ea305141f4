package dev.esb.runtime.doctor;

import dev.esb.runtime.host.NodeReader;
import dev.esb.runtime.host.Ruleset;
import dev.esb.runtime.plan.Chains;
import dev.esb.runtime.plan.Jump;
import dev.esb.runtime.plan.NodePlan;
import dev.esb.runtime.plan.OwnedChain;
import java.util.ArrayList;
import java.util.List;

/** The DNAT rules on the node are exactly those the variables ask for, jumped into, with their counters. */
public final class DnatRulesCheck implements Check {
    static final String REMEDY = "docker exec esb-runtime-node runtime-node apply (rewrites the rules from the"
            + " container's variables)";

    private final NodeReader reader;
    private final NodePlan plan;

    /** Creates the check against what {@code plan} wants. */
    public DnatRulesCheck(NodeReader reader, NodePlan plan) {
        this.reader = reader;
        this.plan = plan;
    }

    @Override
    public String id() {
        return "dnat-rules";
    }

    @Override
    public CheckResult run() throws Exception {
        Ruleset current = reader.ruleset(List.of(Chains.NAT));
        List<String> evidence = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int expected = 0;
        long packets = 0;
        for (OwnedChain chain : plan.rules().chains(Chains.NAT)) {
            List<Ruleset.Rule> actual = current.rules(Chains.NAT, chain.name());
            for (String rule : chain.rules()) {
                expected++;
                Ruleset.Rule found = actual.stream().filter(r -> r.spec().equals(rule)).findFirst().orElse(null);
                if (found == null) {
                    evidence.add("MISSING " + rule);
                    problems.add("missing rules in " + chain.name());
                } else {
                    evidence.add(found.counted());
                    packets += found.packets();
                }
            }
            actual.stream().filter(rule -> !chain.rules().contains(rule.spec())).forEach(rule -> {
                evidence.add("UNEXPECTED " + rule.counted());
                problems.add("unexpected rule in " + chain.name());
            });
        }

        for (Jump jump : plan.rules().jumps(Chains.NAT)) {
            if (current.count(Chains.NAT, jump.spec()) == 0) {
                evidence.add("MISSING " + jump.spec());
                problems.add("no jump from " + jump.builtin() + " to " + jump.target());
            }
        }
        for (String chain : current.chains(Chains.NAT)) {
            if (Chains.owned(chain) && !plan.rules().wants(Chains.NAT, chain)) {
                evidence.add("UNEXPECTED chain " + chain + " (" + current.rules(Chains.NAT, chain).size() + " rules)");
                problems.add("stale chain " + chain);
            }
        }

        if (!problems.isEmpty()) {
            return CheckResult.fail(id(), String.join(", ", problems.stream().distinct().toList()), evidence, REMEDY);
        }
        if (expected == 0) {
            return CheckResult.pass(id(), "no DNAT rules requested (every DNAT_*_IP is empty), none present",
                    evidence);
        }
        return CheckResult.pass(id(), expected + " rules as configured, " + packets + " packets DNATed so far",
                evidence);
    }
}
