package dev.esb.reports.flow;

import java.util.List;
import java.util.Locale;

/**
 * The verdict on each flow from the scenario results: a flow passes only when every scenario that asserts it ran
 * and passed. A flow with a scenario that did not run is NOT RUN, never a pass.
 */
final class FlowReport {

    /** A flow's verdict. */
    enum Verdict { PASS, FAIL, NOT_RUN }

    private final List<Flow> flows;
    private final List<ScenarioResult> results;

    FlowReport(List<Flow> flows, List<ScenarioResult> results) {
        this.flows = flows;
        this.results = results;
    }

    Verdict verdict(Flow flow) {
        boolean failed = false;
        for (String scenario : flow.scenarios()) {
            List<ScenarioResult> matching = matching(scenario);
            if (matching.isEmpty() || matching.stream().allMatch(r -> r.outcome() == ScenarioResult.Outcome.SKIPPED)) {
                return Verdict.NOT_RUN;
            }
            failed |= matching.stream().anyMatch(r -> r.outcome() != ScenarioResult.Outcome.PASSED);
        }
        return failed ? Verdict.FAIL : Verdict.PASS;
    }

    boolean allPass() {
        return flows.stream().allMatch(flow -> verdict(flow) == Verdict.PASS);
    }

    String markdown() {
        StringBuilder out = new StringBuilder("# Flow report\n\n| flow | hops | verdict | evidence |\n|---|---|---|---|\n");
        for (Flow flow : flows) {
            out.append("| ").append(flow.id()).append(": ").append(flow.title())
                    .append(" | ").append(String.join(" → ", flow.hops()).replace("|", "\\|"))
                    .append(" | ").append(verdict(flow).name().replace('_', ' '))
                    .append(" | ").append(evidence(flow)).append(" |\n");
        }
        return out.toString();
    }

    private String evidence(Flow flow) {
        StringBuilder evidence = new StringBuilder();
        for (String scenario : flow.scenarios()) {
            List<ScenarioResult> matching = matching(scenario);
            if (matching.isEmpty()) {
                evidence.append(scenario).append(": not run; ");
                continue;
            }
            for (ScenarioResult result : matching) {
                evidence.append(result.className()).append('#').append(result.method()).append(' ')
                        .append(result.outcome().name().toLowerCase(Locale.ROOT))
                        .append(String.format(Locale.ROOT, " (%.1f s)", result.seconds()));
                if (!result.message().isEmpty()) {
                    evidence.append(": ").append(result.message().replace("|", "\\|"));
                }
                evidence.append("; ");
            }
        }
        return evidence.toString().replaceFirst("; $", "");
    }

    private List<ScenarioResult> matching(String scenario) {
        return results.stream().filter(result -> result.matches(scenario)).toList();
    }
}
