package dev.esb.runtime.doctor;

import dev.esb.runtime.host.NodeReader;
import dev.esb.runtime.host.Ruleset;
import dev.esb.runtime.plan.Chains;
import dev.esb.runtime.plan.Jump;
import dev.esb.runtime.plan.NodePlan;
import dev.esb.runtime.plan.Planner;
import java.util.ArrayList;
import java.util.List;

/** In hardened mode, the CVE-2020-8558 guard is in place and jumped to from {@code filter INPUT}. */
public final class LocalnetGuardCheck implements Check {
    private final NodeReader reader;
    private final NodePlan plan;

    /** Creates the check against what {@code plan} wants. */
    public LocalnetGuardCheck(NodeReader reader, NodePlan plan) {
        this.reader = reader;
        this.plan = plan;
    }

    @Override
    public String id() {
        return "localnet-guard";
    }

    @Override
    public CheckResult run() throws Exception {
        if (!plan.config().hardened()) {
            return CheckResult.skip(id(), "RUNTIME_NODE_HARDENED is off: route_localnet is on for all interfaces"
                    + " and no guard is wanted");
        }

        Ruleset current = reader.ruleset(List.of(Chains.FILTER));
        List<String> evidence = new ArrayList<>();
        boolean complete = true;
        String guard = Planner.guardRule();
        Ruleset.Rule rule = current.rules(Chains.FILTER, Chains.INPUT).stream()
                .filter(candidate -> candidate.spec().equals(guard)).findFirst().orElse(null);
        if (rule == null) {
            evidence.add("MISSING " + guard);
            complete = false;
        } else {
            evidence.add(rule.counted());
        }

        for (Jump jump : plan.rules().jumps(Chains.FILTER)) {
            if (current.count(Chains.FILTER, jump.spec()) == 0) {
                evidence.add("MISSING " + jump.spec());
                complete = false;
            }
        }
        if (!complete) {
            return CheckResult.fail(id(), "the guard against packets to 127.0.0.0/8 from outside is not in place",
                    evidence, DnatRulesCheck.REMEDY);
        }
        return CheckResult.pass(id(), "packets to 127.0.0.0/8 from outside are dropped unless DNATed, "
                + rule.packets() + " dropped so far", evidence);
    }
}
