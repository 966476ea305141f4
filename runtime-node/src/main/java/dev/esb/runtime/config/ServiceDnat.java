package dev.esb.runtime.config;

import java.util.Optional;

/**
 * The DNAT wanted for one service: traffic to the gateway on {@code matchPort} goes to {@code target} on
 * {@code targetPort}; no target means no rule at all.
 *
 * @param service the service this rule carries
 * @param target the DNAT target address; empty when the variable was set to the empty string
 * @param targetPort the port after DNAT
 * @param matchPort the destination port matched on the gateway address
 * @param backend where local-proxy forwards this service
 */
public record ServiceDnat(Service service, Optional<Ipv4> target, int targetPort, int matchPort, Backend backend) {
    /** Whether a rule is written for this service. */
    public boolean enabled() {
        return target.isPresent();
    }

    /** The {@code ip:port} the rule rewrites to; only meaningful when {@link #enabled()}. */
    public String targetAddress() {
        return target.map(ip -> ip + ":" + targetPort).orElse("");
    }
}
