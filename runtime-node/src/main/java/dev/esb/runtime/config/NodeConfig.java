package dev.esb.runtime.config;

import java.net.URI;
import java.util.List;

/**
 * The validated variables of one runtime-node: the bridge gateway, the DNAT wanted per service, and the
 * switches that shape the plan.
 *
 * @param gatewayIp the bridge gateway address ({@code CNI_GW_IP}), also the address DNAT matches
 * @param dnats one entry per {@link Service}, in declaration order
 * @param applyOutput whether traffic from the node's own namespace is DNATed as well ({@code DNAT_APPLY_OUTPUT})
 * @param hardened whether {@code route_localnet} is limited to the bridge and guarded ({@code RUNTIME_NODE_HARDENED})
 * @param ipMasq whether workers' traffic leaving the node is masqueraded ({@code CNI_IP_MASQ})
 * @param gatewayInternalUrl the URL workers use for chained invokes ({@code GATEWAY_INTERNAL_URL})
 * @param victoriaLogsUrl the URL gateway and workers ship logs to ({@code VICTORIALOGS_URL})
 */
public record NodeConfig(
        Ipv4 gatewayIp,
        List<ServiceDnat> dnats,
        boolean applyOutput,
        boolean hardened,
        boolean ipMasq,
        URI gatewayInternalUrl,
        URI victoriaLogsUrl) {
    /** The bridge prefix length: the layout fixes the worker network to a /16. */
    public static final int BRIDGE_PREFIX = 16;

    public NodeConfig {
        dnats = List.copyOf(dnats);
    }

    /** The DNAT entry of one service. */
    public ServiceDnat dnat(Service service) {
        return dnats.get(service.ordinal());
    }

    /** The enabled DNAT entries, in service order. */
    public List<ServiceDnat> enabledDnats() {
        return dnats.stream().filter(ServiceDnat::enabled).toList();
    }

    /** The worker subnet, such as {@code 10.88.0.0/16}. */
    public String subnet() {
        return gatewayIp.network16() + "/" + BRIDGE_PREFIX;
    }

    /** The gateway address with the subnet's prefix, as the bridge carries it: {@code 10.88.0.1/16}. */
    public String bridgeAddress() {
        return gatewayIp + "/" + BRIDGE_PREFIX;
    }
}
