package dev.esb.runtime.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of the node as {@code iptables-save} (optionally with {@code -c}) prints them: per table, the
 * chains in order of declaration and the rules in order, each with its packet and byte counters.
 */
public final class Ruleset {
    private static final Pattern COUNTED_RULE = Pattern.compile("^\\[(\\d+):(\\d+)] (-A .*)$");
    private static final Pattern CHAIN_OF_RULE = Pattern.compile("^-A (\\S+)");

    private final Map<String, Set<String>> chains = new LinkedHashMap<>();
    private final Map<String, List<Rule>> rules = new LinkedHashMap<>();

    /**
     * One rule of a table.
     *
     * @param table the table, such as {@code nat}
     * @param chain the chain the rule is appended to
     * @param spec the rule exactly as {@code iptables-save} prints it, starting with {@code -A}
     * @param packets packets matched so far ({@code 0} when saved without counters)
     * @param bytes bytes matched so far
     */
    public record Rule(String table, String chain, String spec, long packets, long bytes) {
        /** Whether this rule jumps or goes to {@code chain}. */
        public boolean targets(String target) {
            return spec.matches(".* -[jg] " + Pattern.quote(target) + "( .*)?$");
        }

        /** The rule with its counters in front, as {@code iptables-save -c} prints it. */
        public String counted() {
            return "[" + packets + ":" + bytes + "] " + spec;
        }
    }

    private Ruleset() {
    }

    /** A ruleset with no tables, as on a node where nothing was ever applied. */
    public static Ruleset empty() {
        return new Ruleset();
    }

    /** Parses the output of {@code iptables-save} or {@code iptables-save -c}, for any number of tables. */
    public static Ruleset parse(String saved) {
        Ruleset ruleset = new Ruleset();
        String table = null;
        for (String raw : saved.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("*")) {
                table = line.substring(1);
                ruleset.chains.computeIfAbsent(table, t -> new LinkedHashSet<>());
                ruleset.rules.computeIfAbsent(table, t -> new ArrayList<>());
            } else if (table != null && line.startsWith(":")) {
                ruleset.chains.get(table).add(line.substring(1).split(" ", 2)[0]);
            } else if (table != null && (line.startsWith("-A ") || line.startsWith("["))) {
                ruleset.rules.get(table).add(rule(table, line));
            }
        }
        return ruleset;
    }

    private static Rule rule(String table, String line) {
        long packets = 0;
        long bytes = 0;
        String spec = line;
        Matcher counted = COUNTED_RULE.matcher(line);
        if (counted.matches()) {
            packets = Long.parseLong(counted.group(1));
            bytes = Long.parseLong(counted.group(2));
            spec = counted.group(3);
        }

        Matcher chain = CHAIN_OF_RULE.matcher(spec);
        if (!chain.find()) {
            throw new IllegalArgumentException("Not an iptables-save rule line: " + line);
        }
        return new Rule(table, chain.group(1), spec, packets, bytes);
    }

    /** The chains declared in {@code table}, built-in ones included; empty when the table was not saved. */
    public Set<String> chains(String table) {
        return chains.getOrDefault(table, Set.of());
    }

    /** Whether {@code chain} exists in {@code table}. */
    public boolean hasChain(String table, String chain) {
        return chains(table).contains(chain);
    }

    /** All rules of {@code table}, in order. */
    public List<Rule> rules(String table) {
        return rules.getOrDefault(table, List.of());
    }

    /** The rules of one chain, in order. */
    public List<Rule> rules(String table, String chain) {
        return rules(table).stream().filter(rule -> rule.chain().equals(chain)).toList();
    }

    /** The specs of one chain's rules, without counters, in order. */
    public List<String> specs(String table, String chain) {
        return rules(table, chain).stream().map(Rule::spec).toList();
    }

    /** How many rules of {@code table} are exactly {@code spec}. */
    public long count(String table, String spec) {
        return rules(table).stream().filter(rule -> rule.spec().equals(spec)).count();
    }
}
