package dev.esb.runtime.plan;

import dev.esb.runtime.config.Ipv4;
import dev.esb.runtime.config.NodeConfig;
import dev.esb.runtime.config.NodeVariables;
import dev.esb.runtime.config.Service;
import dev.esb.runtime.config.ServiceDnat;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns validated variables into a {@link NodePlan}. Pure: it reads nothing from the node, so {@code plan}
 * works anywhere and the result can be compared with golden files.
 *
 * <pre>
 *  worker 10.88.0.x --(cni0)--> 10.88.0.1:8001 --PREROUTING/ESB-PREROUTING DNAT--> 127.0.0.1:8001
 *  gateway (same netns) ------> 10.88.0.1:9428 --OUTPUT/ESB-OUTPUT DNAT---------> 127.0.0.1:9428
 *                                                   local-proxy on 127.0.0.1 --> database:8000 ...
 * </pre>
 */
public final class Planner {
    /** The comment on the hardened mode's guard rule, as iptables-save prints it. */
    public static final String GUARD_COMMENT = "esb-localnet-guard";

    private Planner() {
    }

    /** Computes the plan for {@code config}. */
    public static NodePlan plan(NodeConfig config) {
        Bridge bridge = new Bridge(Bridge.NAME, config.bridgeAddress());
        return new NodePlan(config, bridge, sysctls(config), rules(config), CniConflist.render(config),
                warnings(config));
    }

    /** The DNAT rule of one service in one owned chain, exactly as iptables-save prints it. */
    public static String dnatRule(String chain, Ipv4 gateway, ServiceDnat dnat) {
        return "-A " + chain + " -d " + gateway + "/32 -p tcp -m tcp --dport " + dnat.matchPort()
                + " -m comment --comment " + ruleComment(dnat) + " -j DNAT --to-destination "
                + dnat.targetAddress();
    }

    /** The comment that tags a service's DNAT rules, such as {@code esb-db}. */
    public static String ruleComment(ServiceDnat dnat) {
        return "esb-" + dnat.service().key();
    }

    /**
     * The guard Kubernetes added against CVE-2020-8558: a packet for 127.0.0.0/8 from outside it is dropped
     * unless conntrack knows it as DNATed (our rules) or as part of a connection already accepted.
     */
    public static String guardRule() {
        return "-A " + Chains.INPUT + " ! -s " + Ipv4.LOOPBACK_NET + " -d " + Ipv4.LOOPBACK_NET
                + " -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -m comment --comment " + GUARD_COMMENT
                + " -j DROP";
    }

    private static List<Sysctl> sysctls(NodeConfig config) {
        List<Sysctl> sysctls = new ArrayList<>();
        sysctls.add(new Sysctl("net.ipv4.ip_forward", "1"));
        if (config.hardened()) {
            // "all" is ORed into every interface, so it must be 0 for the bridge-only setting to mean anything.
            sysctls.add(new Sysctl("net.ipv4.conf.all.route_localnet", "0"));
            sysctls.add(new Sysctl("net.ipv4.conf." + Bridge.NAME + ".route_localnet", "1"));
        } else {
            sysctls.add(new Sysctl("net.ipv4.conf.all.route_localnet", "1"));
        }
        return sysctls;
    }

    private static RulePlan rules(NodeConfig config) {
        List<OwnedChain> chains = new ArrayList<>();
        List<Jump> jumps = new ArrayList<>();
        chains.add(dnatChain(config, Chains.PREROUTING));
        jumps.add(new Jump(Chains.NAT, "PREROUTING", Chains.PREROUTING));
        if (config.applyOutput()) {
            chains.add(dnatChain(config, Chains.OUTPUT));
            jumps.add(new Jump(Chains.NAT, "OUTPUT", Chains.OUTPUT));
        }

        if (config.hardened()) {
            chains.add(new OwnedChain(Chains.FILTER, Chains.INPUT, List.of(guardRule())));
            jumps.add(new Jump(Chains.FILTER, "INPUT", Chains.INPUT));
        }
        return new RulePlan(chains, jumps);
    }

    private static OwnedChain dnatChain(NodeConfig config, String chain) {
        List<String> rules = config.enabledDnats().stream()
                .map(dnat -> dnatRule(chain, config.gatewayIp(), dnat))
                .toList();
        return new OwnedChain(Chains.NAT, chain, rules);
    }

    private static List<String> warnings(NodeConfig config) {
        List<String> warnings = new ArrayList<>();
        for (ServiceDnat dnat : config.enabledDnats()) {
            int listenPort = dnat.service().localProxyPort();
            if (dnat.target().orElseThrow().isLoopback() && dnat.targetPort() != listenPort) {
                warnings.add(dnat.service().portVariable() + ": '" + dnat.targetPort() + "' sends "
                        + config.gatewayIp() + ":" + dnat.matchPort() + " to " + dnat.targetAddress()
                        + ", but local-proxy listens on " + NodeVariables.LOCAL_PROXY_IP + ":" + listenPort
                        + " for " + dnat.service().label() + ": connections are refused unless something else"
                        + " listens there (set " + dnat.service().portVariable() + "=" + listenPort + ")");
            }
        }

        String logsHost = config.victoriaLogsUrl().getHost();
        if (config.gatewayIp().toString().equals(logsHost)) {
            if (!config.applyOutput()) {
                warnings.add(NodeVariables.DNAT_APPLY_OUTPUT + " is off, which leaves traffic from this namespace"
                        + " un-DNATed: the gateway's logs to " + NodeVariables.VICTORIALOGS_URL + " "
                        + config.victoriaLogsUrl() + " will not reach local-proxy");
            }
            int logsPort = config.victoriaLogsUrl().getPort();
            int vlPort = config.dnat(Service.VL).matchPort();
            if (logsPort >= 0 && logsPort != vlPort) {
                warnings.add(NodeVariables.VICTORIALOGS_URL + ": '" + config.victoriaLogsUrl() + "' uses port "
                        + logsPort + ", but DNAT matches logs on " + Service.VL.dportVariable() + " " + vlPort);
            }
        }
        return warnings;
    }
}
