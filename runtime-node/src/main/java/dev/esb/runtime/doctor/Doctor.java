package dev.esb.runtime.doctor;

import dev.esb.runtime.config.ServiceDnat;
import dev.esb.runtime.host.CommandRunner;
import dev.esb.runtime.host.NodeReader;
import dev.esb.runtime.plan.NodePlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's troubleshooting checklist as checks, in the order a person would walk it: the node's own
 * configuration first, then each service's path from listener to backend to the gateway address, then the
 * gateway itself.
 */
public final class Doctor {
    private static final Logger log = LoggerFactory.getLogger(Doctor.class);

    private final List<Check> checks;

    /** Creates a doctor running {@code checks} in order. */
    public Doctor(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    /** The full checklist for {@code plan}. */
    public static Doctor forPlan(NodePlan plan, CommandRunner runner, Path cniConfDir) {
        NodeReader reader = new NodeReader(runner);
        List<Check> checks = new ArrayList<>(List.of(
                new IptablesBackendCheck(runner),
                new DnatRulesCheck(reader, plan),
                new SysctlCheck(reader, plan, "route-localnet", "route_localnet"),
                new SysctlCheck(reader, plan, "ip-forward", "ip_forward"),
                new LocalnetGuardCheck(reader, plan),
                new BridgeCheck(reader, plan.bridge()),
                new ConflistCheck(cniConfDir, plan),
                new ContainerdCheck(runner)));
        for (ServiceDnat dnat : plan.config().dnats()) {
            checks.add(new ListenerCheck(reader, dnat));
            checks.add(new BackendCheck(runner, dnat));
            checks.add(new ViaGatewayCheck(runner, plan.config(), dnat));
        }
        checks.add(new GatewayHealthCheck(runner, plan.config()));
        return new Doctor(checks);
    }

    /** Runs every check; a check that throws counts as FAIL with the exception as its cause. */
    public List<CheckResult> examine() {
        List<CheckResult> results = new ArrayList<>();
        for (Check check : checks) {
            try {
                results.add(check.run());
            } catch (Exception e) {
                log.debug("Check {} threw", check.id(), e);
                results.add(CheckResult.fail(check.id(), "the check itself failed: " + e.getMessage(), List.of(),
                        "run the command by hand inside esb-runtime-node to see why it fails"));
            }
        }
        return results;
    }
}
