package dev.esb.runtime.containerd;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs containerd as a child process, shares the container's stdout and stderr with it, and stops it
 * gracefully: {@link #stop()} sends SIGTERM and, if the child is still alive after the grace period,
 * SIGKILL. {@link #run()} returns the child's own exit status so that the entrypoint can exit with it.
 */
public final class ContainerdSupervisor {
    private static final Logger log = LoggerFactory.getLogger(ContainerdSupervisor.class);

    private final List<String> command;
    private final Duration grace;
    private final CompletableFuture<Process> started = new CompletableFuture<>();

    /**
     * Creates a supervisor for {@code command}.
     *
     * @param command the program and its arguments, such as {@code containerd --root /var/lib/containerd}
     * @param grace how long {@link #stop()} waits after SIGTERM before it kills the child
     */
    public ContainerdSupervisor(List<String> command, Duration grace) {
        this.command = List.copyOf(command);
        this.grace = grace;
    }

    /**
     * Starts the child and waits until it exits.
     *
     * @return the child's exit status; {@code 128 + n} when a signal {@code n} ended it
     * @throws IOException when the program cannot be started
     */
    public int run() throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            started.completeExceptionally(e);
            throw e;
        }

        started.complete(process);
        log.info("Started {} as pid {}", command.get(0), process.pid());
        int status = process.waitFor();
        log.info("{} exited with status {}", command.get(0), status);
        return status;
    }

    /** The child once it has started, for callers that wait for it. */
    public CompletableFuture<Process> started() {
        return started;
    }

    /**
     * Asks the child to stop with SIGTERM, and kills it if it is still running after the grace period.
     * Safe to call from a signal handler, before the child started, and more than once.
     */
    public void stop() {
        started.thenAccept(process -> {
            if (!process.isAlive()) {
                return;
            }

            log.info("Forwarding SIGTERM to pid {}, killing it in {} ms if it is still running",
                    process.pid(), grace.toMillis());
            process.destroy();
            process.onExit()
                    .orTimeout(grace.toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionally(timeout -> {
                        log.warn("Failed to stop pid {} within {} ms, killing it", process.pid(), grace.toMillis());
                        process.destroyForcibly();
                        return process;
                    });
        });
    }
}
