package dev.esb.runtime.plan;

import dev.esb.runtime.config.NodeConfig;
import dev.esb.runtime.config.ServiceDnat;
import dev.esb.runtime.host.Ruleset;
import java.nio.file.Path;

/** Renders a {@link NodePlan} as the text {@code runtime-node plan} prints. */
public final class PlanText {
    private PlanText() {
    }

    /**
     * The plan, section by section; the iptables part is the exact {@code iptables-restore --noflush} input
     * apply feeds to a node where nothing was applied yet.
     */
    public static String render(NodePlan plan, Path cniConfDir) {
        NodeConfig config = plan.config();
        StringBuilder text = new StringBuilder();
        text.append("# runtime-node plan: nothing has been applied\n");

        text.append("\n== services\n");
        for (ServiceDnat dnat : config.dnats()) {
            text.append(service(config, dnat)).append('\n');
        }

        Bridge bridge = plan.bridge();
        text.append("\n== bridge\n")
                .append("ip link add ").append(bridge.name()).append(" type bridge\n")
                .append("ip addr add ").append(bridge.address()).append(" dev ").append(bridge.name()).append('\n')
                .append("ip link set ").append(bridge.name()).append(" up\n");

        text.append("\n== sysctls\n");
        plan.sysctls().forEach(sysctl -> text.append(sysctl).append('\n'));

        text.append("\n== iptables-restore --noflush (for a node where nothing was applied yet)\n")
                .append(RestoreScript.reconcile(plan.rules(), Ruleset.empty()));

        text.append("\n== ").append(cniConfDir.resolve(NodePlan.CONFLIST_FILE)).append('\n')
                .append(plan.conflist());

        text.append("\n== warnings\n");
        if (plan.warnings().isEmpty()) {
            text.append("(none)\n");
        }
        plan.warnings().forEach(warning -> text.append("WARN ").append(warning).append('\n'));
        return text.toString();
    }

    private static String service(NodeConfig config, ServiceDnat dnat) {
        String name = dnat.service().key();
        if (!dnat.enabled()) {
            return name + ": no rule (" + dnat.service().ipVariable() + " is empty)";
        }

        String chains = config.applyOutput() ? "PREROUTING, OUTPUT" : "PREROUTING only";
        String via = dnat.target().orElseThrow().isLoopback() ? ", local-proxy -> " + dnat.backend() : "";
        return name + ": " + config.gatewayIp() + ":" + dnat.matchPort() + " -> " + dnat.targetAddress()
                + " (" + chains + ")" + via;
    }
}
