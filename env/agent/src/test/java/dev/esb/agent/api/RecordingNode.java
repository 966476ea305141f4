package dev.esb.agent.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.esb.agent.node.CommandResult;
import dev.esb.agent.node.NodeShell;

/** A node that records every command and answers from a script; its files live under a temporary folder. */
final class RecordingNode implements NodeShell {

    private final Path root;
    private final Function<List<String>, CommandResult> script;
    private final List<String> commands = new ArrayList<>();

    RecordingNode(Path root, Function<List<String>, CommandResult> script) {
        this.root = root;
        this.script = script;
    }

    @Override
    public synchronized CommandResult run(List<String> command, Map<String, String> env, byte[] stdin,
            Duration timeout) {
        commands.add(String.join(" ", command));
        return script.apply(command);
    }

    @Override
    public CommandResult runWithInput(List<String> command, Path input, Duration timeout) {
        return run(command, Map.of(), new byte[0], timeout);
    }

    @Override
    public Path nodePath(String absolute) {
        return root.resolve(absolute.replaceFirst("^/+", ""));
    }

    synchronized List<String> commands() {
        return List.copyOf(commands);
    }
}
