package dev.esb.runtime.doctor;

import dev.esb.runtime.ExitCodes;
import dev.esb.runtime.NodeContext;
import dev.esb.runtime.PlannedCommand;
import dev.esb.runtime.plan.NodePlan;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code runtime-node doctor}: the troubleshooting checklist, run inside runtime-node's namespace
 * ({@code docker exec esb-runtime-node runtime-node doctor}). Exits 1 when any check fails.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check DNAT rules, sysctls, bridge, containerd, local-proxy and the gateway; exit 1 on any FAIL.")
public final class DoctorCommand extends PlannedCommand {

    @Option(names = "--json", description = "Print the results as JSON.")
    private boolean json;

    /** Creates the command over {@code context}. */
    public DoctorCommand(NodeContext context) {
        super(context);
    }

    @Override
    protected int run(NodePlan plan, PrintWriter out, PrintWriter err) {
        List<CheckResult> results = Doctor.forPlan(plan, context.runner(), context.cniConfDir()).examine();
        out.print(json ? DoctorReport.json(results) : DoctorReport.text(results));
        return DoctorReport.healthy(results) ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
