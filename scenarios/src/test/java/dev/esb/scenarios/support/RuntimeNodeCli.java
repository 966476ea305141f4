package dev.esb.scenarios.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.testcontainers.containers.Container.ExecResult;

import dev.esb.env.node.RuntimeNodeContainer;

/**
 * Runs the {@code runtime-node} command inside a node as {@code docker exec} would, with variables that override the
 * ones the container was started with (an empty value stays empty: it means "no rule" for {@code DNAT_*_IP}).
 */
public final class RuntimeNodeCli {

    private RuntimeNodeCli() {
    }

    /** {@code runtime-node <arguments>} under the container's own variables. */
    public static ExecResult run(RuntimeNodeContainer node, String... arguments)
            throws IOException, InterruptedException {
        return run(node, Map.of(), arguments);
    }

    /** {@code env NAME=value ... runtime-node <arguments>}. */
    public static ExecResult run(RuntimeNodeContainer node, Map<String, String> variables, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("env");
        variables.forEach((name, value) -> command.add(name + "=" + value));
        command.add("runtime-node");
        command.addAll(List.of(arguments));
        return node.execInContainer(command.toArray(String[]::new));
    }

    /** The whole answer of a command, for assertion descriptions. */
    public static String describe(ExecResult result) {
        return "exit " + result.getExitCode() + "\n--- stdout\n" + result.getStdout() + "--- stderr\n"
                + result.getStderr();
    }
}
