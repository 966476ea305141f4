package dev.esb.runtime.host;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the node's network state through a {@link CommandRunner}; changes nothing.
 */
public final class NodeReader {
    private static final Pattern INET = Pattern.compile("\\binet (\\S+)");
    private static final Pattern FLAGS = Pattern.compile("<([^>]*)>");

    private final CommandRunner runner;

    /** Creates a reader that runs its commands through {@code runner}. */
    public NodeReader(CommandRunner runner) {
        this.runner = runner;
    }

    /** The commands' runner, for callers that also change the node. */
    public CommandRunner runner() {
        return runner;
    }

    /** The given tables with counters, as one {@link Ruleset}. */
    public Ruleset ruleset(List<String> tables) throws HostException {
        StringBuilder saved = new StringBuilder();
        for (String table : tables) {
            CommandResult result = runner.run("iptables-save", "-c", "-t", table);
            if (!result.succeeded()) {
                throw HostException.of("iptables-save -c -t " + table, result);
            }
            saved.append(result.stdout()).append('\n');
        }
        return Ruleset.parse(saved.toString());
    }

    /** The value of a kernel parameter, or empty when it does not exist (such as a bridge not created yet). */
    public Optional<String> sysctl(String key) {
        CommandResult result = runner.run("sysctl", "-n", key);
        return result.succeeded() ? Optional.of(result.stdout().strip()) : Optional.empty();
    }

    /** The TCP listeners of this namespace. */
    public Listeners listeners() throws HostException {
        CommandResult result = runner.run("ss", "-ltnH");
        if (!result.succeeded()) {
            throw HostException.of("ss -ltnH", result);
        }
        return Listeners.parse(result.stdout());
    }

    /** Whether the network device {@code name} exists. */
    public boolean linkExists(String name) {
        return runner.run("ip", "-o", "link", "show", "dev", name).succeeded();
    }

    /** Whether the network device {@code name} exists and is administratively up. */
    public boolean linkUp(String name) {
        CommandResult result = runner.run("ip", "-o", "link", "show", "dev", name);
        Matcher flags = FLAGS.matcher(result.stdout());
        return result.succeeded() && flags.find() && Arrays.asList(flags.group(1).split(",")).contains("UP");
    }

    /** The IPv4 addresses with prefix on device {@code name}; empty when it has none or does not exist. */
    public List<String> ipv4Addresses(String name) {
        CommandResult result = runner.run("ip", "-o", "-4", "addr", "show", "dev", name);
        List<String> addresses = new ArrayList<>();
        if (!result.succeeded()) {
            return addresses;
        }

        Matcher inet = INET.matcher(result.stdout());
        while (inet.find()) {
            addresses.add(inet.group(1));
        }
        return addresses;
    }
}
