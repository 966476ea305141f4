package dev.esb.runtime.plan;

import java.util.List;

/**
 * A chain runtime-node owns, with its complete wanted contents.
 *
 * @param table the table, such as {@code nat}
 * @param name the chain, such as {@code ESB-PREROUTING}
 * @param rules each rule exactly as {@code iptables-save} prints it, so that plan and node compare by text
 */
public record OwnedChain(String table, String name, List<String> rules) {
    public OwnedChain {
        rules = List.copyOf(rules);
    }
}
