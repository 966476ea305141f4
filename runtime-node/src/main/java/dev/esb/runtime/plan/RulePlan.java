package dev.esb.runtime.plan;

import java.util.List;

/**
 * The wanted state of everything runtime-node owns in iptables: its chains with their rules, and the jumps
 * into them. Anything owned that is not listed here is stale and gets removed on apply.
 *
 * @param chains the owned chains, in the order they are written
 * @param jumps the jumps from built-in chains
 */
public record RulePlan(List<OwnedChain> chains, List<Jump> jumps) {
    /** The tables apply reads and may write, in the order they are restored. */
    public static final List<String> TABLES = List.of(Chains.NAT, Chains.FILTER);

    public RulePlan {
        chains = List.copyOf(chains);
        jumps = List.copyOf(jumps);
    }

    /** The owned chains of one table. */
    public List<OwnedChain> chains(String table) {
        return chains.stream().filter(chain -> chain.table().equals(table)).toList();
    }

    /** The jumps of one table. */
    public List<Jump> jumps(String table) {
        return jumps.stream().filter(jump -> jump.table().equals(table)).toList();
    }

    /** Whether the plan wants {@code chain} in {@code table}. */
    public boolean wants(String table, String chain) {
        return chains(table).stream().anyMatch(owned -> owned.name().equals(chain));
    }
}
