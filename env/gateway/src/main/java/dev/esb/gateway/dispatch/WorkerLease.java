package dev.esb.gateway.dispatch;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.esb.gateway.registry.WorkerAddress;

/**
 * The exclusive right to send one invocation to one worker. Release it once the worker has answered (or has been
 * given up on); releasing twice is harmless.
 */
public final class WorkerLease {
    private final WorkerPool pool;
    private final WorkerAddress worker;
    private final AtomicBoolean released = new AtomicBoolean();

    WorkerLease(WorkerPool pool, WorkerAddress worker) {
        this.pool = pool;
        this.worker = worker;
    }

    /** The leased worker. */
    public WorkerAddress worker() {
        return worker;
    }

    /** Gives the worker back to its pool. */
    public void release() {
        if (released.compareAndSet(false, true)) {
            pool.giveBack(worker);
        }
    }
}
