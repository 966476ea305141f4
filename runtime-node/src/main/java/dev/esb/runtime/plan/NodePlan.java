package dev.esb.runtime.plan;

import dev.esb.runtime.config.NodeConfig;
import java.util.List;

/**
 * Everything runtime-node will do to the node, computed from the variables alone.
 *
 * @param config the variables the plan was computed from
 * @param bridge the bridge to create before sysctls are written
 * @param sysctls kernel parameters, in the order they are written
 * @param rules the iptables state runtime-node owns
 * @param conflist the CNI network configuration, as written to {@code /etc/cni/net.d}
 * @param warnings problems the variables are known to cause, such as a DNAT target nothing listens on
 */
public record NodePlan(
        NodeConfig config,
        Bridge bridge,
        List<Sysctl> sysctls,
        RulePlan rules,
        String conflist,
        List<String> warnings) {
    /** The name of the conflist file; sorts first so that CNI picks this network. */
    public static final String CONFLIST_FILE = "10-esb.conflist";

    public NodePlan {
        sysctls = List.copyOf(sysctls);
        warnings = List.copyOf(warnings);
    }
}
