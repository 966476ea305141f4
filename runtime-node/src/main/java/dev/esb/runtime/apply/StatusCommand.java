package dev.esb.runtime.apply;

import dev.esb.runtime.ExitCodes;
import dev.esb.runtime.NodeContext;
import dev.esb.runtime.PlannedCommand;
import dev.esb.runtime.host.HostException;
import dev.esb.runtime.host.NodeReader;
import dev.esb.runtime.host.Ruleset;
import dev.esb.runtime.plan.Bridge;
import dev.esb.runtime.plan.Chains;
import dev.esb.runtime.plan.Jump;
import dev.esb.runtime.plan.NodePlan;
import dev.esb.runtime.plan.RestoreScript;
import dev.esb.runtime.plan.RulePlan;
import dev.esb.runtime.plan.Sysctl;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code runtime-node status}: shows what runtime-node owns on the node, with rule counters, and what apply
 * would still change. Exits 0 when the node matches the plan, 1 when it does not.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the owned chains with counters, sysctls, bridge and conflist, and any drift from the plan.")
public final class StatusCommand extends PlannedCommand {

    /** Creates the command over {@code context}. */
    public StatusCommand(NodeContext context) {
        super(context);
    }

    @Override
    protected int run(NodePlan plan, PrintWriter out, PrintWriter err) {
        try {
            List<String> drift = report(plan, out);
            out.println();
            out.println("== pending");
            if (drift.isEmpty()) {
                out.println("nothing: the node matches the plan");
            }
            drift.forEach(out::println);
            return drift.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
        } catch (HostException e) {
            err.println("runtime-node status: " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }

    private List<String> report(NodePlan plan, PrintWriter out) throws HostException {
        NodeReader reader = context.reader();
        List<String> drift = new ArrayList<>();
        Ruleset current = reader.ruleset(RulePlan.TABLES);

        out.println("== owned chains [packets:bytes]");
        for (String table : RulePlan.TABLES) {
            for (String chain : current.chains(table)) {
                if (Chains.owned(chain)) {
                    out.println(table + " " + chain);
                    current.rules(table, chain).forEach(rule -> out.println("  " + rule.counted()));
                }
            }
        }

        out.println();
        out.println("== jumps");
        for (Jump jump : plan.rules().jumps()) {
            long count = current.count(jump.table(), jump.spec());
            out.println(jump.table() + " " + jump.builtin() + " -> " + jump.target() + ": "
                    + (count == 0 ? "missing" : count == 1 ? "present" : "present " + count + " times"));
        }

        String script = RestoreScript.reconcile(plan.rules(), current);
        if (!script.isEmpty()) {
            drift.add("iptables-restore --noflush would run:");
            script.lines().forEach(line -> drift.add("  " + line));
        }

        out.println();
        out.println("== sysctls");
        for (Sysctl sysctl : plan.sysctls()) {
            String value = reader.sysctl(sysctl.key()).orElse("(absent)");
            out.println(sysctl.key() + " = " + value + " (wanted " + sysctl.value() + ")");
            if (!value.equals(sysctl.value())) {
                drift.add("sysctl " + sysctl.key() + ": " + value + " -> " + sysctl.value());
            }
        }

        Bridge bridge = plan.bridge();
        out.println();
        out.println("== bridge " + bridge.name());
        List<String> addresses = reader.ipv4Addresses(bridge.name());
        boolean up = reader.linkUp(bridge.name());
        out.println(reader.linkExists(bridge.name())
                ? (up ? "up" : "down") + ", addresses " + addresses + " (wanted [" + bridge.address() + "])"
                : "absent (wanted " + bridge.address() + ")");
        if (!up || !addresses.equals(List.of(bridge.address()))) {
            drift.add("bridge " + bridge.name() + ": wanted up with " + bridge.address());
        }

        Path conflist = context.conflistFile();
        String conflistState = conflistState(conflist, plan.conflist());
        out.println();
        out.println("== conflist " + conflist);
        out.println(conflistState);
        if (!conflistState.equals("matches the plan")) {
            drift.add("conflist " + conflist + ": " + conflistState);
        }
        return drift;
    }

    private static String conflistState(Path file, String wanted) {
        try {
            if (!Files.isRegularFile(file)) {
                return "missing";
            }
            return Files.readString(file, StandardCharsets.UTF_8).equals(wanted)
                    ? "matches the plan" : "differs from the plan";
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}
