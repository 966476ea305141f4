package dev.esb.runtime.testing;

import dev.esb.runtime.host.CommandResult;
import dev.esb.runtime.host.CommandRunner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A node made of plain data that answers the commands runtime-node runs: iptables through
 * {@link FakeIptables}, sysctls in a map (optionally behind a read-only {@code /proc/sys}), links and their
 * addresses, {@code ss}, {@code curl}, {@code getent} and {@code ctr}. Every command is recorded.
 */
public final class FakeNode implements CommandRunner {
    private final FakeIptables iptables = new FakeIptables();
    private final Map<String, String> sysctls = new LinkedHashMap<>();
    private final Map<String, List<String>> links = new LinkedHashMap<>();
    private final Set<String> upLinks = new LinkedHashSet<>();
    private final Map<String, CommandResult> scripted = new LinkedHashMap<>();
    private final List<List<String>> calls = new ArrayList<>();
    private String iptablesVersion = "iptables v1.8.9 (nf_tables)";
    private String listeners = "";
    private boolean procSysReadOnly;
    private boolean remountAllowed = true;

    /** A node as a fresh runtime-node container finds it: forwarding and route_localnet off, no bridge. */
    public FakeNode() {
        sysctls.put("net.ipv4.ip_forward", "0");
        sysctls.put("net.ipv4.conf.all.route_localnet", "0");
        sysctls.put("net.ipv4.conf.lo.route_localnet", "0");
        sysctls.put("net.ipv4.conf.eth0.route_localnet", "0");
    }

    public FakeIptables iptables() {
        return iptables;
    }

    public FakeNode sysctl(String key, String value) {
        sysctls.put(key, value);
        return this;
    }

    public String sysctlValue(String key) {
        return sysctls.get(key);
    }

    /** Makes {@code /proc/sys} read-only as Docker mounts it; {@code remountAllowed} is holding CAP_SYS_ADMIN. */
    public FakeNode procSysReadOnly(boolean remountAllowed) {
        this.procSysReadOnly = true;
        this.remountAllowed = remountAllowed;
        return this;
    }

    public boolean procSysIsReadOnly() {
        return procSysReadOnly;
    }

    public FakeNode link(String name, boolean up, String... addresses) {
        links.put(name, new ArrayList<>(List.of(addresses)));
        if (up) {
            upLinks.add(name);
        }
        sysctls.putIfAbsent("net.ipv4.conf." + name + ".route_localnet", "0");
        return this;
    }

    public FakeNode iptablesVersion(String version) {
        this.iptablesVersion = version;
        return this;
    }

    /** Sets what {@code ss -ltnH} prints, one local address per listener, such as {@code 127.0.0.1:8001}. */
    public FakeNode listening(String... addresses) {
        StringBuilder out = new StringBuilder();
        for (String address : addresses) {
            out.append("LISTEN 0      4096   ").append(address).append("      0.0.0.0:*\n");
        }
        this.listeners = out.toString();
        return this;
    }

    /** Answers a command whose words start with {@code prefix} (joined by spaces) with {@code result}. */
    public FakeNode answer(String prefix, CommandResult result) {
        scripted.put(prefix, result);
        return this;
    }

    /** Makes {@code curl ... url} get an HTTP {@code status}. */
    public FakeNode http(String url, int status) {
        return answer("curl@" + url, new CommandResult(0, String.valueOf(status), ""));
    }

    /** Makes {@code curl ... url} fail with curl's {@code exit} status and message. */
    public FakeNode httpFails(String url, int exit, String message) {
        return answer("curl@" + url, new CommandResult(exit, "000", "curl: (" + exit + ") " + message));
    }

    /** Every command run so far. */
    public List<List<String>> calls() {
        return calls;
    }

    /** The commands run so far whose first word is {@code program}. */
    public List<String> callsOf(String program) {
        return calls.stream().filter(argv -> argv.get(0).equals(program)).map(argv -> String.join(" ", argv)).toList();
    }

    @Override
    public CommandResult run(List<String> argv, String stdin) {
        calls.add(List.copyOf(argv));
        String line = String.join(" ", argv);
        if (argv.get(0).equals("curl")) {
            return scripted.getOrDefault("curl@" + argv.get(argv.size() - 1),
                    new CommandResult(7, "000", "curl: (7) Failed to connect: Connection refused"));
        }
        for (Map.Entry<String, CommandResult> entry : scripted.entrySet()) {
            if (line.startsWith(entry.getKey())) {
                return entry.getValue();
            }
        }

        return switch (argv.get(0)) {
            case "iptables-save" -> CommandResult.ok(iptables.save(argv.get(argv.size() - 1), argv.contains("-c")));
            case "iptables-restore" -> restore(stdin);
            case "iptables" -> CommandResult.ok(iptablesVersion + "\n");
            case "sysctl" -> sysctlCommand(argv);
            case "mount" -> mount(argv);
            case "ip" -> ip(argv);
            case "ss" -> CommandResult.ok(listeners);
            default -> CommandResult.failed(CommandResult.NOT_FOUND, argv.get(0) + ": not found");
        };
    }

    private CommandResult restore(String script) {
        String error = iptables.restore(script);
        return error.isEmpty() ? CommandResult.ok("") : CommandResult.failed(1, error);
    }

    private CommandResult sysctlCommand(List<String> argv) {
        if (argv.get(1).equals("-n")) {
            String value = sysctls.get(argv.get(2));
            return value == null
                    ? CommandResult.failed(255, "sysctl: cannot stat /proc/sys/" + argv.get(2).replace('.', '/'))
                    : CommandResult.ok(value + "\n");
        }

        String[] assignment = argv.get(2).split("=", 2);
        if (!sysctls.containsKey(assignment[0])) {
            return CommandResult.failed(255, "sysctl: cannot stat /proc/sys/" + assignment[0].replace('.', '/'));
        }
        if (procSysReadOnly) {
            return CommandResult.failed(1, "sysctl: permission denied on key \"" + assignment[0] + "\"");
        }
        sysctls.put(assignment[0], assignment[1]);
        return CommandResult.ok(assignment[0] + " = " + assignment[1] + "\n");
    }

    private CommandResult mount(List<String> argv) {
        if (!remountAllowed) {
            return CommandResult.failed(32, "mount: /proc/sys: permission denied.");
        }
        procSysReadOnly = argv.get(2).endsWith(",ro");
        return CommandResult.ok("");
    }

    private CommandResult ip(List<String> argv) {
        String name = argv.get(argv.size() - 1);
        String line = String.join(" ", argv);
        if (line.startsWith("ip -o link show dev ")) {
            return links.containsKey(name)
                    ? CommandResult.ok("7: " + name + ": <BROADCAST,MULTICAST" + (upLinks.contains(name) ? ",UP" : "")
                            + "> mtu 1500 qdisc noqueue state DOWN\n")
                    : CommandResult.failed(1, "Device \"" + name + "\" does not exist.");
        }
        if (line.startsWith("ip -o -4 addr show dev ")) {
            if (!links.containsKey(name)) {
                return CommandResult.failed(1, "Device \"" + name + "\" does not exist.");
            }
            StringBuilder out = new StringBuilder();
            links.get(name).forEach(address -> out.append("7: ").append(name).append("    inet ").append(address)
                    .append(" scope global ").append(name).append("\\       valid_lft forever\n"));
            return CommandResult.ok(out.toString());
        }
        if (line.startsWith("ip link add ")) {
            link(argv.get(3), false);
            return CommandResult.ok("");
        }
        if (line.startsWith("ip addr add ")) {
            links.get(name).add(argv.get(3));
            return CommandResult.ok("");
        }
        if (line.startsWith("ip addr del ")) {
            links.get(name).remove(argv.get(3));
            return CommandResult.ok("");
        }
        if (line.startsWith("ip link set ")) {
            upLinks.add(argv.get(3));
            return CommandResult.ok("");
        }
        return CommandResult.failed(1, "fake ip does not know: " + line);
    }
}
