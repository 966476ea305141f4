package dev.esb.runtime.containerd;

import dev.esb.runtime.ExitCodes;
import dev.esb.runtime.NodeContext;
import dev.esb.runtime.apply.ApplyCommand;
import dev.esb.runtime.plan.NodePlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code runtime-node run}, the container entrypoint: validates, checks containerd's state directory,
 * applies the plan (conflist included), then runs containerd in the foreground, forwarding SIGTERM and
 * SIGINT to it and exiting with its status.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Apply the plan, then start and supervise containerd (the container entrypoint).")
public final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--state-dir", defaultValue = StateDirCheck.DEFAULT_STATE_DIR,
            description = "containerd's state directory; must be a tmpfs or volume (default: ${DEFAULT-VALUE}).")
    private String stateDir;

    @Option(names = "--containerd", defaultValue = "containerd",
            description = "The containerd program (default: ${DEFAULT-VALUE}).")
    private String containerd;

    @Option(names = "--stop-timeout", defaultValue = "20",
            description = "Seconds containerd gets after SIGTERM before it is killed (default: ${DEFAULT-VALUE}).")
    private long stopTimeoutSeconds;

    @Option(names = "--socket", defaultValue = "/run/containerd/containerd.sock",
            description = "containerd's socket, logged once it appears (default: ${DEFAULT-VALUE}).")
    private Path socket;

    private final NodeContext context;

    /** Creates the command over {@code context}. */
    public RunCommand(NodeContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<NodePlan> plan = context.planOrReport(err);
        if (plan.isEmpty()) {
            return ExitCodes.INVALID_CONFIG;
        }

        Optional<String> stateProblem = StateDirCheck.problem(context.runner(), stateDir);
        if (stateProblem.isPresent()) {
            err.println("runtime-node run: " + stateProblem.get() + "; nothing was applied");
            err.flush();
            return ExitCodes.INVALID_CONFIG;
        }

        int applied = ApplyCommand.apply(context, plan.get(), out, err);
        if (applied != ExitCodes.OK) {
            return applied;
        }
        return supervise();
    }

    private int supervise() throws InterruptedException {
        List<String> command = new ArrayList<>(List.of(containerd, "--root", stateDir));
        ContainerdSupervisor supervisor = new ContainerdSupervisor(command, Duration.ofSeconds(stopTimeoutSeconds));
        // Handling the signals ourselves keeps the JVM alive until containerd has exited, so that the
        // entrypoint's exit status is containerd's own.
        Signal.handle(new Signal("TERM"), signal -> supervisor.stop());
        Signal.handle(new Signal("INT"), signal -> supervisor.stop());
        supervisor.started().thenRun(this::logWhenSocketAppears);
        try {
            return supervisor.run();
        } catch (IOException e) {
            log.error("Failed to start {}: {}", containerd, e.getMessage());
            return ExitCodes.FAILED;
        }
    }

    private void logWhenSocketAppears() {
        Thread watcher = new Thread(() -> {
            long startedAt = System.nanoTime();
            try {
                for (int attempt = 0; attempt < 600 && !Files.exists(socket); attempt++) {
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (Files.exists(socket)) {
                log.info("containerd is ready at {} after {} ms", socket, (System.nanoTime() - startedAt) / 1_000_000);
            } else {
                log.warn("Failed to see containerd's socket {} within 60 s", socket);
            }
        }, "containerd-socket-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
