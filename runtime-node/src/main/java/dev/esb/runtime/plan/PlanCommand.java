package dev.esb.runtime.plan;

import dev.esb.runtime.ExitCodes;
import dev.esb.runtime.NodeContext;
import dev.esb.runtime.PlannedCommand;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code runtime-node plan}: prints the bridge, sysctls, exact rules and conflist; touches nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Print what apply would do for the current variables, without touching the node.")
public final class PlanCommand extends PlannedCommand {

    /** Creates the command over {@code context}. */
    public PlanCommand(NodeContext context) {
        super(context);
    }

    @Override
    protected int run(NodePlan plan, PrintWriter out, PrintWriter err) {
        out.print(PlanText.render(plan, context.cniConfDir()));
        return ExitCodes.OK;
    }
}
