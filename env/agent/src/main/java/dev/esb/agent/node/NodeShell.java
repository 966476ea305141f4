package dev.esb.agent.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs commands and reaches files in runtime-node's mount namespace, where containerd's socket, the CNI plugins,
 * the conflist, host-local's address store and the tasks' log files live.
 */
public interface NodeShell {

    /** Runs {@code command} with extra environment {@code env}, feeding it {@code stdin} (may be empty). */
    CommandResult run(List<String> command, Map<String, String> env, byte[] stdin, Duration timeout);

    /** Runs {@code command} with the file {@code input} (a path of the agent's own file system) as its stdin. */
    CommandResult runWithInput(List<String> command, Path input, Duration timeout);

    /** The agent-side path of an absolute path of the node's file system. */
    Path nodePath(String absolute);

    /** Runs a command that must succeed; its stdout. */
    default String check(List<String> command, Map<String, String> env, byte[] stdin, Duration timeout) {
        CommandResult result = run(command, env, stdin, timeout);
        if (!result.succeeded()) {
            String detail = (result.stderr().isBlank() ? result.stdout() : result.stderr()).strip();
            throw new CommandException(command, "exit status " + result.exitCode() + ": " + detail);
        }
        return result.stdout();
    }

    default String check(List<String> command) {
        return check(command, Map.of(), new byte[0], Duration.ofSeconds(30));
    }
}
