package dev.esb.runtime.apply;

import java.util.List;

/**
 * What an apply changed and what it noticed.
 *
 * @param changes one line per change; empty when the node already matched the plan
 * @param warnings problems found on the node after applying, such as a DNAT target nothing listens on
 */
public record ApplyOutcome(List<String> changes, List<String> warnings) {
    public ApplyOutcome {
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
    }
}
