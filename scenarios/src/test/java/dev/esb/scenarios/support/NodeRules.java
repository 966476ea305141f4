package dev.esb.scenarios.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.testcontainers.containers.Container.ExecResult;

import dev.esb.env.node.RuntimeNodeContainer;

/** What a node's kernel holds: its rules as {@code iptables-save} prints them, and single rules' packet counters. */
public final class NodeRules {

    private NodeRules() {
    }

    /**
     * Every table's rules without counters and without the save's timestamped comment lines: two calls on an
     * untouched node return equal strings.
     */
    public static String ruleset(RuntimeNodeContainer node) throws IOException, InterruptedException {
        ExecResult save = node.execInContainer("iptables-save");
        assertThat(save.getExitCode()).as("iptables-save in %s: %s", node.name(), save.getStderr()).isZero();
        return save.getStdout().lines()
                .filter(line -> !line.startsWith("#"))
                .reduce(new StringBuilder(), (text, line) -> text.append(line).append('\n'), StringBuilder::append)
                .toString();
    }

    /** The lines of a ruleset that declare or fill Docker's DNS chains. */
    public static List<String> dockerRules(String ruleset) {
        return ruleset.lines().filter(line -> line.contains("DOCKER_")).toList();
    }

    /** The lines of a ruleset that belong to runtime-node: its {@code ESB-*} chains and the jumps to them. */
    public static List<String> ownedRules(String ruleset) {
        return ruleset.lines().filter(line -> line.contains("ESB-")).toList();
    }

    /** The packet counter of the one rule in {@code table} that {@code rule} matches (a regex on the -A line). */
    public static long packets(RuntimeNodeContainer node, String table, String rule)
            throws IOException, InterruptedException {
        ExecResult save = node.execInContainer("iptables-save", "-c", "-t", table);
        Matcher matcher = Pattern.compile("^\\[(\\d+):\\d+] " + rule, Pattern.MULTILINE).matcher(save.getStdout());
        assertThat(matcher.find()).as("a rule matching '%s' in %s's %s table:%n%s", rule, node.name(), table,
                save.getStdout()).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
