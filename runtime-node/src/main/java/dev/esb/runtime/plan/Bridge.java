package dev.esb.runtime.plan;

/**
 * The CNI bridge as the plan wants it before any worker attaches: created up front so that the gateway
 * address is local from the start, and so that hardened mode can set {@code route_localnet} on it.
 *
 * @param name the bridge device, {@code cni0}
 * @param address the gateway address with prefix, such as {@code 10.88.0.1/16}
 */
public record Bridge(String name, String address) {
    /** The bridge device the CNI bridge plugin attaches workers to. */
    public static final String NAME = "cni0";
}
