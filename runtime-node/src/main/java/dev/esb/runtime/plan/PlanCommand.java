package dev.esb.runtime.plan;

import dev.esb.runtime.ExitCodes;
import dev.esb.runtime.NodeContext;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code runtime-node plan}: prints the bridge, sysctls, exact rules and conflist; touches nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Print what apply would do for the current variables, without touching the node.")
public final class PlanCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    private final NodeContext context;

    /** Creates the command over {@code context}. */
    public PlanCommand(NodeContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<NodePlan> plan = context.planOrReport(spec.commandLine().getErr());
        if (plan.isEmpty()) {
            return ExitCodes.INVALID_CONFIG;
        }

        out.print(PlanText.render(plan.get(), context.cniConfDir()));
        out.flush();
        return ExitCodes.OK;
    }
}
