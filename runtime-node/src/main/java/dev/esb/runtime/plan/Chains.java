package dev.esb.runtime.plan;

/**
 * Names of the tables and of the chains this program owns. Owning a chain means: it is flushed and
 * rewritten at will. Chains of anyone else, Docker's {@code DOCKER_OUTPUT} and {@code DOCKER_POSTROUTING}
 * included, are never flushed; built-in chains only gain or lose the single jump into ours.
 */
public final class Chains {
    public static final String NAT = "nat";
    public static final String FILTER = "filter";

    /** Every chain whose name starts with this prefix belongs to runtime-node. */
    public static final String OWNED_PREFIX = "ESB-";

    /** DNAT for traffic arriving from the bridge (workers), jumped from {@code nat PREROUTING}. */
    public static final String PREROUTING = OWNED_PREFIX + "PREROUTING";

    /** DNAT for traffic from the node's own namespace (gateway, agent), jumped from {@code nat OUTPUT}. */
    public static final String OUTPUT = OWNED_PREFIX + "OUTPUT";

    /** The hardened mode's localnet guard, jumped from {@code filter INPUT}. */
    public static final String INPUT = OWNED_PREFIX + "INPUT";

    private Chains() {
    }

    /** Whether runtime-node owns {@code chain}. */
    public static boolean owned(String chain) {
        return chain.startsWith(OWNED_PREFIX);
    }
}
