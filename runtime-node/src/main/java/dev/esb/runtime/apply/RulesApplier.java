package dev.esb.runtime.apply;

import dev.esb.runtime.host.CommandResult;
import dev.esb.runtime.host.CommandRunner;
import dev.esb.runtime.host.HostException;
import dev.esb.runtime.host.NodeReader;
import dev.esb.runtime.host.Ruleset;
import dev.esb.runtime.plan.RestoreScript;
import dev.esb.runtime.plan.RulePlan;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the iptables chains runtime-node owns to the plan in one {@code iptables-restore --noflush}
 * transaction, computed against what {@code iptables-save} reports. When the node already matches, nothing
 * is restored at all, which is what makes a second apply leave {@code iptables-save} byte for byte the same.
 */
public final class RulesApplier {
    private static final Logger log = LoggerFactory.getLogger(RulesApplier.class);

    private final NodeReader reader;
    private final CommandRunner runner;

    /** Creates an applier that reads and writes through {@code reader}'s runner. */
    public RulesApplier(NodeReader reader) {
        this.reader = reader;
        this.runner = reader.runner();
    }

    /** The restore input apply would run now; empty when the node matches the plan. */
    public String pending(RulePlan plan) throws ApplyException {
        try {
            Ruleset current = reader.ruleset(RulePlan.TABLES);
            return RestoreScript.reconcile(plan, current);
        } catch (HostException e) {
            throw new ApplyException(e.getMessage() + " (is iptables installed, and does the process hold"
                    + " CAP_NET_ADMIN?)");
        }
    }

    /**
     * Applies the plan's rules.
     *
     * @return one line describing the change, or nothing when the rules already matched
     * @throws ApplyException when iptables-restore rejects the script; then nothing of it was applied
     */
    public List<String> ensure(RulePlan plan) throws ApplyException {
        String script = pending(plan);
        if (script.isEmpty()) {
            return List.of();
        }

        log.debug("Restoring:\n{}", script);
        CommandResult result = runner.run(List.of("iptables-restore", "--noflush"), script);
        if (!result.succeeded()) {
            throw new ApplyException("iptables-restore rejected the rules, none of them were applied: "
                    + result.stderr().strip());
        }
        long lines = script.lines().filter(line -> !line.startsWith("*") && !line.equals("COMMIT")).count();
        return List.of("iptables: " + lines + " lines restored");
    }
}
