package dev.esb.runtime.doctor;

import dev.esb.runtime.ExitCodes;
import dev.esb.runtime.NodeContext;
import dev.esb.runtime.plan.NodePlan;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runtime-node doctor}: the troubleshooting checklist, run inside runtime-node's namespace
 * ({@code docker exec esb-runtime-node runtime-node doctor}). Exits 1 when any check fails.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check DNAT rules, sysctls, bridge, containerd, local-proxy and the gateway; exit 1 on any FAIL.")
public final class DoctorCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print the results as JSON.")
    private boolean json;

    private final NodeContext context;

    /** Creates the command over {@code context}. */
    public DoctorCommand(NodeContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<NodePlan> plan = context.planOrReport(spec.commandLine().getErr());
        if (plan.isEmpty()) {
            return ExitCodes.INVALID_CONFIG;
        }

        List<CheckResult> results = Doctor.forPlan(plan.get(), context.runner(), context.cniConfDir()).examine();
        out.print(json ? DoctorReport.json(results) : DoctorReport.text(results));
        out.flush();
        return DoctorReport.healthy(results) ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
