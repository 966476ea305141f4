package dev.esb.gateway.dispatch;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.esb.gateway.registry.WorkerAddress;

/**
 * The workers of one function, each leased to at most one invocation at a time.
 *
 * <p>Waiting invocations are served in arrival order, synchronous ones before Event ones, so that a burst of
 * asynchronous work does not starve callers that hold a connection open. Futures are completed outside the lock:
 * completing one runs the invocation's next stages on this thread.
 */
public final class WorkerPool {
    /** Which queue an invocation waits in. */
    public enum Priority {
        /** A caller waits for the result (RequestResponse). */
        SYNC,
        /** Nobody waits (Event); served when no synchronous invocation is waiting. */
        EVENT
    }

    private final String functionName;
    private final int syncQueueLimit;
    private final int eventQueueLimit;
    private final Object lock = new Object();
    private final Set<WorkerAddress> members = new LinkedHashSet<>();
    private final ArrayDeque<WorkerAddress> idle = new ArrayDeque<>();
    private final Set<WorkerAddress> busy = new HashSet<>();
    private final ArrayDeque<CompletableFuture<WorkerLease>> syncWaiters = new ArrayDeque<>();
    private final ArrayDeque<CompletableFuture<WorkerLease>> eventWaiters = new ArrayDeque<>();
    private boolean closed;

    /**
     * @param functionName the function, for messages
     * @param workers the initial workers
     * @param syncQueueLimit how many synchronous invocations may wait
     * @param eventQueueLimit how many Event invocations may wait
     */
    public WorkerPool(String functionName, Collection<WorkerAddress> workers, int syncQueueLimit,
            int eventQueueLimit) {
        this.functionName = functionName;
        this.syncQueueLimit = syncQueueLimit;
        this.eventQueueLimit = eventQueueLimit;
        members.addAll(workers);
        idle.addAll(members);
    }

    /**
     * Leases an idle worker, or queues for one.
     *
     * @param priority the queue to wait in
     * @param maxWait how long to wait in the queue; {@code null} waits until a worker is free or the pool closes
     * @return a lease, or a failure with {@link PoolSaturatedException} when the queue is full or the wait ran out,
     *         or with {@link PoolClosedException} when the function is removed meanwhile
     */
    public CompletableFuture<WorkerLease> acquire(Priority priority, Duration maxWait) {
        ArrayDeque<CompletableFuture<WorkerLease>> queue = priority == Priority.SYNC ? syncWaiters : eventWaiters;
        CompletableFuture<WorkerLease> waiter = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new PoolClosedException(functionName));
            }
            boolean nobodyAhead = syncWaiters.isEmpty() && (priority == Priority.SYNC || eventWaiters.isEmpty());
            if (nobodyAhead && !idle.isEmpty()) {
                WorkerAddress worker = idle.poll();
                busy.add(worker);
                return CompletableFuture.completedFuture(new WorkerLease(this, worker));
            }
            int limit = priority == Priority.SYNC ? syncQueueLimit : eventQueueLimit;
            if (queue.size() >= limit) {
                return CompletableFuture.failedFuture(new PoolSaturatedException("All " + members.size()
                        + " workers of " + functionName + " are busy and " + queue.size() + " "
                        + priority.name().toLowerCase() + " invocations are already queued"));
            }
            queue.add(waiter);
        }

        waiter.whenComplete((lease, error) -> {
            if (error != null) {
                synchronized (lock) {
                    queue.remove(waiter);
                }
            }
        });
        if (maxWait == null) {
            return waiter;
        }
        waiter.orTimeout(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        return waiter.exceptionally(error -> {
            if (error instanceof TimeoutException) {
                throw new PoolSaturatedException("No worker of " + functionName + " became free within "
                        + maxWait.toMillis() + " ms");
            }
            throw error instanceof CompletionException completion ? completion : new CompletionException(error);
        });
    }

    /**
     * Replaces the set of workers. Idle workers that are gone are dropped at once, busy ones when released; new
     * workers serve queued invocations immediately.
     */
    public void replaceWorkers(Collection<WorkerAddress> workers) {
        synchronized (lock) {
            members.clear();
            members.addAll(workers);
            idle.removeIf(worker -> !members.contains(worker));
            for (WorkerAddress worker : members) {
                if (!busy.contains(worker) && !idle.contains(worker)) {
                    idle.add(worker);
                }
            }
        }
        dispatch();
    }

    /** Fails every waiting invocation with {@link PoolClosedException} and refuses new ones. */
    public void close() {
        List<CompletableFuture<WorkerLease>> abandoned = new ArrayList<>();
        synchronized (lock) {
            closed = true;
            abandoned.addAll(syncWaiters);
            abandoned.addAll(eventWaiters);
            syncWaiters.clear();
            eventWaiters.clear();
            idle.clear();
        }
        abandoned.forEach(waiter -> waiter.completeExceptionally(new PoolClosedException(functionName)));
    }

    /** A consistent view of the pool's counts. */
    public Snapshot snapshot() {
        synchronized (lock) {
            return new Snapshot(members.size(), busy.size(), syncWaiters.size(), eventWaiters.size());
        }
    }

    /**
     * Counts at one instant.
     *
     * @param workers registered workers
     * @param busy workers serving an invocation (including removed ones still finishing)
     * @param queuedSync synchronous invocations waiting
     * @param queuedEvent Event invocations waiting
     */
    public record Snapshot(int workers, int busy, int queuedSync, int queuedEvent) {
    }

    void giveBack(WorkerAddress worker) {
        synchronized (lock) {
            busy.remove(worker);
            if (!closed && members.contains(worker)) {
                idle.add(worker);
            }
        }
        dispatch();
    }

    private void dispatch() {
        while (true) {
            CompletableFuture<WorkerLease> waiter;
            WorkerAddress worker;
            synchronized (lock) {
                if (idle.isEmpty()) {
                    return;
                }
                waiter = syncWaiters.isEmpty() ? eventWaiters.poll() : syncWaiters.poll();
                if (waiter == null) {
                    return;
                }
                worker = idle.poll();
                busy.add(worker);
            }
            WorkerLease lease = new WorkerLease(this, worker);
            if (!waiter.complete(lease)) {
                // The waiter gave up between poll and complete: the worker goes back and the next waiter is tried.
                synchronized (lock) {
                    busy.remove(worker);
                    if (!closed && members.contains(worker)) {
                        idle.addFirst(worker);
                    }
                }
            }
        }
    }
}
