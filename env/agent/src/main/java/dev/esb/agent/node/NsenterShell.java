package dev.esb.agent.node;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The node shell of an agent that runs in its own container: it shares runtime-node's PID and network namespaces,
 * enters the mount namespace of the node's PID {@code target} with {@code nsenter} for each command, and reaches
 * the node's files under {@code /proc/<target>/root}. With {@code target} {@code self} the agent is a process of
 * runtime-node itself and runs everything directly.
 *
 * <pre>
 *  agent container ──nsenter -t 1 -m──▶ ctr, CNI plugins   (runtime-node's mount namespace)
 *        │                                    │
 *        └──────── shared network namespace ──┴── cni0 10.88.0.1/16 ── worker tasks
 * </pre>
 */
public final class NsenterShell implements NodeShell {

    private final String target;

    public NsenterShell(String target) {
        this.target = target;
    }

    /** The full command line: nsenter, then {@code env} for the extra variables, then the command. */
    public List<String> commandLine(List<String> command, Map<String, String> env) {
        List<String> line = new ArrayList<>();
        if (!"self".equals(target)) {
            line.addAll(List.of("nsenter", "--target", target, "--mount", "--"));
        }
        if (!env.isEmpty()) {
            line.add("env");
            env.forEach((name, value) -> line.add(name + "=" + value));
        }
        line.addAll(command);
        return line;
    }

    @Override
    public Path nodePath(String absolute) {
        if ("self".equals(target)) {
            return Path.of(absolute);
        }
        return Path.of("/proc", target, "root", absolute.replaceFirst("^/+", ""));
    }

    @Override
    public CommandResult run(List<String> command, Map<String, String> env, byte[] stdin, Duration timeout) {
        return execute(command, commandLine(command, env), null, stdin, timeout);
    }

    @Override
    public CommandResult runWithInput(List<String> command, Path input, Duration timeout) {
        return execute(command, commandLine(command, Map.of()), input, null, timeout);
    }

    private CommandResult execute(List<String> command, List<String> line, Path input, byte[] stdin,
            Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(line);
        if (input != null) {
            builder.redirectInput(input.toFile());
        }

        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new CommandException(command, "cannot start it (" + e.getMessage() + ")", e);
        }

        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        if (input == null) {
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
            } catch (IOException e) {
                // A command that exits without reading its stdin closes the pipe; its exit status tells the rest.
            }
        }

        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new CommandException(command, "no exit within " + timeout.toSeconds() + " s");
            }
            return new CommandResult(process.exitValue(), stdout.join(), stderr.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CommandException(command, "interrupted", e);
        }
    }

    private static String drain(InputStream stream) {
        try (stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            stream.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
