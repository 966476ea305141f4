package dev.esb.runtime;

import dev.esb.runtime.plan.NodePlan;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A subcommand that needs the plan of the current variables: invalid variables are reported and end it with
 * {@link ExitCodes#INVALID_CONFIG} before it touches anything.
 */
public abstract class PlannedCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** The node this command works on. */
    protected final NodeContext context;

    protected PlannedCommand(NodeContext context) {
        this.context = context;
    }

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<NodePlan> plan = context.planOrReport(err);
        if (plan.isEmpty()) {
            return ExitCodes.INVALID_CONFIG;
        }
        try {
            return run(plan.get(), out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Runs the command on a valid plan and returns its exit code. */
    protected abstract int run(NodePlan plan, PrintWriter out, PrintWriter err);
}
