package dev.esb.runtime;

import dev.esb.runtime.config.ConfigException;
import dev.esb.runtime.config.NodeVariables;
import dev.esb.runtime.host.CommandRunner;
import dev.esb.runtime.host.NodeReader;
import dev.esb.runtime.plan.NodePlan;
import dev.esb.runtime.plan.Planner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What every subcommand works with: the variables, the way to run commands on the node, and where the
 * CNI configuration lives. Tests build one with fakes; {@link RuntimeNodeMain} builds the real one.
 *
 * @param variables the environment variables (normally {@link System#getenv()})
 * @param runner runs external commands against the node
 * @param cniConfDir the directory CNI clients read network configurations from
 */
public record NodeContext(Map<String, String> variables, CommandRunner runner, Path cniConfDir) {
    /** Where CNI clients such as {@code ctr run --cni} look for network configurations. */
    public static final Path DEFAULT_CNI_CONF_DIR = Path.of("/etc/cni/net.d");

    /** The variable that moves the CNI configuration directory, for running apply outside a container. */
    public static final String CNI_CONF_DIR = "CNI_CONF_DIR";

    public NodeContext {
        variables = Map.copyOf(variables);
    }

    /** A reader of the node's state. */
    public NodeReader reader() {
        return new NodeReader(runner);
    }

    /** The conflist file apply writes. */
    public Path conflistFile() {
        return cniConfDir.resolve(NodePlan.CONFLIST_FILE);
    }

    /**
     * The plan for the variables, or empty after printing every problem to {@code err}; callers then exit
     * with {@link ExitCodes#INVALID_CONFIG} and apply nothing.
     */
    public Optional<NodePlan> planOrReport(PrintWriter err) {
        try {
            return Optional.of(Planner.plan(NodeVariables.read(variables)));
        } catch (ConfigException e) {
            err.println("runtime-node: invalid configuration, nothing was applied:");
            e.problems().forEach(problem -> err.println("  " + problem));
            err.flush();
            return Optional.empty();
        }
    }
}
