package dev.esb.runtime.plan;

import dev.esb.runtime.host.Ruleset;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes the {@code iptables-restore --noflush} input that turns the node's current rules into the plan.
 *
 * <p>The script only ever touches what runtime-node owns:
 * <ul>
 *   <li>an owned chain whose rules differ is declared ({@code :ESB-X - [0:0]}, which under {@code --noflush}
 *   flushes that chain alone) and refilled; an owned chain that already matches is left alone, so that a
 *   second apply changes nothing, counters included;</li>
 *   <li>a jump from a built-in chain is inserted only when absent, and surplus copies are deleted;</li>
 *   <li>an owned chain the plan no longer wants loses its jumps, is flushed and deleted.</li>
 * </ul>
 * Built-in chains are never flushed, and chains of others (Docker's DNS chains) are never named.
 * The whole script is one transaction: iptables-restore applies all of it or none of it.
 */
public final class RestoreScript {
    private RestoreScript() {
    }

    /**
     * The restore input that brings {@code current} to {@code plan}; empty when nothing differs.
     */
    public static String reconcile(RulePlan plan, Ruleset current) {
        StringBuilder script = new StringBuilder();
        for (String table : RulePlan.TABLES) {
            List<String> lines = tableLines(plan, current, table);
            if (!lines.isEmpty()) {
                script.append('*').append(table).append('\n');
                lines.forEach(line -> script.append(line).append('\n'));
                script.append("COMMIT\n");
            }
        }
        return script.toString();
    }

    private static List<String> tableLines(RulePlan plan, Ruleset current, String table) {
        List<OwnedChain> rewritten = plan.chains(table).stream()
                .filter(chain -> !current.hasChain(table, chain.name())
                        || !current.specs(table, chain.name()).equals(chain.rules()))
                .toList();
        List<String> stale = current.chains(table).stream()
                .filter(chain -> Chains.owned(chain) && !plan.wants(table, chain))
                .toList();

        List<String> lines = new ArrayList<>();
        rewritten.forEach(chain -> lines.add(declaration(chain.name())));
        stale.forEach(chain -> lines.add(declaration(chain)));
        rewritten.forEach(chain -> lines.addAll(chain.rules()));

        for (Jump jump : plan.jumps(table)) {
            long present = current.count(table, jump.spec());
            if (present == 0) {
                lines.add("-I " + jump.builtin() + " -j " + jump.target());
            }
            for (long surplus = present; surplus > 1; surplus--) {
                lines.add(deletion(jump.spec()));
            }
        }

        for (String chain : stale) {
            current.rules(table).stream()
                    .filter(rule -> !Chains.owned(rule.chain()) && rule.targets(chain))
                    .forEach(rule -> lines.add(deletion(rule.spec())));
            lines.add("-X " + chain);
        }
        return lines;
    }

    private static String declaration(String chain) {
        return ":" + chain + " - [0:0]";
    }

    private static String deletion(String appendSpec) {
        return "-D " + appendSpec.substring("-A ".length());
    }
}
