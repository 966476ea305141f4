package dev.esb.gateway.logtail;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.esb.gateway.registry.WorkerAddress;

/** Where the log lines of a worker come from. */
public interface LogTailSource {
    /**
     * The lines the worker printed since {@code since}, oldest first. Implementations should complete with an empty
     * list rather than fail when the lines are not available.
     */
    CompletableFuture<List<String>> linesSince(WorkerAddress worker, Instant since);

    /** A source without lines, for a gateway that runs without an agent. */
    static LogTailSource none() {
        return (worker, since) -> CompletableFuture.completedFuture(List.of());
    }
}
