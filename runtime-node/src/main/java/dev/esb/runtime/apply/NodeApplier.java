package dev.esb.runtime.apply;

import dev.esb.runtime.config.NodeConfig;
import dev.esb.runtime.config.ServiceDnat;
import dev.esb.runtime.host.HostException;
import dev.esb.runtime.host.Listeners;
import dev.esb.runtime.host.NodeReader;
import dev.esb.runtime.plan.NodePlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a whole {@link NodePlan}: bridge, then sysctls (hardened mode needs the bridge to exist), then the
 * rules in one transaction, then the conflist. Each step changes only what differs, so applying twice is the
 * same as applying once.
 */
public final class NodeApplier {
    private final NodeReader reader;
    private final Path conflistFile;

    /** Creates an applier working through {@code reader} that writes the conflist to {@code conflistFile}. */
    public NodeApplier(NodeReader reader, Path conflistFile) {
        this.reader = reader;
        this.conflistFile = conflistFile;
    }

    /**
     * Applies the plan.
     *
     * @throws ApplyException naming the step that failed; the rules are either all applied or none
     */
    public ApplyOutcome apply(NodePlan plan) throws ApplyException {
        List<String> changes = new ArrayList<>();
        changes.addAll(new BridgeApplier(reader).ensure(plan.bridge()));
        changes.addAll(new SysctlApplier(reader).ensure(plan.sysctls()));
        changes.addAll(new RulesApplier(reader).ensure(plan.rules()));
        changes.addAll(ConflistWriter.ensure(conflistFile, plan.conflist()));
        return new ApplyOutcome(changes, listenerWarnings(plan.config()));
    }

    private List<String> listenerWarnings(NodeConfig config) {
        Listeners listeners;
        try {
            listeners = reader.listeners();
        } catch (HostException e) {
            return List.of("could not check DNAT targets for listeners: " + e.getMessage());
        }
        return unheardTargets(config, listeners);
    }

    /**
     * One warning per DNAT target on loopback that nothing listens on: the seed's trap, where DNAT sends
     * the database to {@code 127.0.0.1:8000} while local-proxy listens on {@code 127.0.0.1:8001}.
     */
    public static List<String> unheardTargets(NodeConfig config, Listeners listeners) {
        List<String> warnings = new ArrayList<>();
        for (ServiceDnat dnat : config.enabledDnats()) {
            String target = dnat.target().orElseThrow().toString();
            if (dnat.target().get().isLoopback() && !listeners.accepts(target, dnat.targetPort())) {
                warnings.add("nothing listens on " + dnat.targetAddress() + " (" + dnat.service().key() + ")"
                        + " yet: connections to " + config.gatewayIp() + ":" + dnat.matchPort()
                        + " are refused until something does");
            }
        }
        return warnings;
    }
}
