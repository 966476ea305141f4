package dev.esb.runtime.plan;

/**
 * The one rule in a built-in chain that sends packets into a chain runtime-node owns.
 *
 * @param table the table, such as {@code nat}
 * @param builtin the built-in chain, such as {@code PREROUTING}
 * @param target the owned chain, such as {@code ESB-PREROUTING}
 */
public record Jump(String table, String builtin, String target) {
    /** The jump as {@code iptables-save} prints it. */
    public String spec() {
        return "-A " + builtin + " -j " + target;
    }
}
