package dev.esb.runtime.apply;

import dev.esb.runtime.ExitCodes;
import dev.esb.runtime.NodeContext;
import dev.esb.runtime.PlannedCommand;
import dev.esb.runtime.plan.NodePlan;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code runtime-node apply}: applies the plan to this node, changing only what differs. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Create the bridge, set the sysctls, restore the DNAT rules and write the CNI conflist.")
public final class ApplyCommand extends PlannedCommand {

    /** Creates the command over {@code context}. */
    public ApplyCommand(NodeContext context) {
        super(context);
    }

    @Override
    protected int run(NodePlan plan, PrintWriter out, PrintWriter err) {
        return apply(context, plan, out, err);
    }

    /** Applies {@code plan} and reports to {@code out}/{@code err}; shared with {@code run}. */
    public static int apply(NodeContext context, NodePlan plan, PrintWriter out, PrintWriter err) {
        plan.warnings().forEach(warning -> err.println("WARN " + warning));
        try {
            ApplyOutcome outcome = new NodeApplier(context.reader(), context.conflistFile()).apply(plan);
            if (outcome.changes().isEmpty()) {
                out.println("nothing to change: the node matches the plan");
            }
            outcome.changes().forEach(out::println);
            outcome.warnings().forEach(warning -> err.println("WARN " + warning));
            return ExitCodes.OK;
        } catch (ApplyException e) {
            err.println("runtime-node apply: " + e.getMessage());
            return ExitCodes.FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
