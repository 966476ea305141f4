package dev.esb.gateway.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.esb.gateway.registry.WorkerAddress;

class WorkerPoolTest {
    private static final WorkerAddress A = new WorkerAddress("10.88.0.5", 8080);
    private static final WorkerAddress B = new WorkerAddress("10.88.0.6", 8080);

    private static Throwable failureOf(CompletableFuture<?> future) throws Exception {
        try {
            future.get(5, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    @Test
    void leasesEachWorkerToOneInvocationAtATime() throws Exception {
        WorkerPool pool = new WorkerPool("f", List.of(A, B), 10, 10);

        WorkerLease first = pool.acquire(WorkerPool.Priority.SYNC, null).getNow(null);
        WorkerLease second = pool.acquire(WorkerPool.Priority.SYNC, null).getNow(null);
        CompletableFuture<WorkerLease> third = pool.acquire(WorkerPool.Priority.SYNC, null);

        assertThat(List.of(first.worker(), second.worker())).as("leased workers").containsExactlyInAnyOrder(A, B);
        assertThat(third).as("third lease while both are busy").isNotDone();
        first.release();
        first.release();
        assertThat(third.get(1, TimeUnit.SECONDS).worker()).as("worker handed to the waiter").isEqualTo(first.worker());
        assertThat(pool.snapshot()).as("pool after a double release").isEqualTo(new WorkerPool.Snapshot(2, 2, 0, 0));
    }

    @Test
    void rejectsInvocationsBeyondTheQueueBound() throws Exception {
        WorkerPool pool = new WorkerPool("f", List.of(A), 1, 1);
        pool.acquire(WorkerPool.Priority.SYNC, null);
        pool.acquire(WorkerPool.Priority.SYNC, null);

        Throwable failure = failureOf(pool.acquire(WorkerPool.Priority.SYNC, null));

        assertThat(failure).as("failure beyond the bound").isInstanceOf(PoolSaturatedException.class)
                .hasMessageContaining("1 sync invocations are already queued");
    }

    @Test
    void givesUpWaitingAfterTheMaximumWaitAndForgetsTheWaiter() throws Exception {
        WorkerPool pool = new WorkerPool("f", List.of(A), 5, 5);
        WorkerLease busy = pool.acquire(WorkerPool.Priority.SYNC, null).getNow(null);

        Throwable failure = failureOf(pool.acquire(WorkerPool.Priority.SYNC, Duration.ofMillis(50)));
        busy.release();

        assertThat(failure).as("failure after the wait").isInstanceOf(PoolSaturatedException.class)
                .hasMessageContaining("within 50 ms");
        assertThat(pool.snapshot()).as("pool after the waiter gave up").isEqualTo(new WorkerPool.Snapshot(1, 0, 0, 0));
    }

    @Test
    void servesWaitingSynchronousInvocationsBeforeEvents() throws Exception {
        WorkerPool pool = new WorkerPool("f", List.of(A), 5, 5);
        WorkerLease busy = pool.acquire(WorkerPool.Priority.SYNC, null).getNow(null);
        CompletableFuture<WorkerLease> event = pool.acquire(WorkerPool.Priority.EVENT, null);
        CompletableFuture<WorkerLease> sync = pool.acquire(WorkerPool.Priority.SYNC, null);

        busy.release();

        assertThat(sync).as("synchronous waiter after the release").isDone();
        assertThat(event).as("event waiter after the release").isNotDone();
        sync.get().release();
        assertThat(event).as("event waiter after the second release").isDone();
    }

    @Test
    void dropsRemovedWorkersOnReleaseAndServesWaitersWithNewOnes() throws Exception {
        WorkerPool pool = new WorkerPool("f", List.of(A), 5, 5);
        WorkerLease onA = pool.acquire(WorkerPool.Priority.SYNC, null).getNow(null);
        CompletableFuture<WorkerLease> waiting = pool.acquire(WorkerPool.Priority.SYNC, null);

        pool.replaceWorkers(List.of(B));
        onA.release();

        assertThat(waiting.get(1, TimeUnit.SECONDS).worker()).as("worker of the waiter").isEqualTo(B);
        assertThat(pool.snapshot()).as("pool after the swap").isEqualTo(new WorkerPool.Snapshot(1, 1, 0, 0));
    }

    @Test
    void failsWaitersWhenClosed() throws Exception {
        WorkerPool pool = new WorkerPool("f", List.of(A), 5, 5);
        pool.acquire(WorkerPool.Priority.SYNC, null);
        CompletableFuture<WorkerLease> waiting = pool.acquire(WorkerPool.Priority.EVENT, null);

        pool.close();

        assertThat(failureOf(waiting)).as("failure of a waiter").isInstanceOf(PoolClosedException.class);
        assertThat(failureOf(pool.acquire(WorkerPool.Priority.SYNC, null))).as("failure after close")
                .isInstanceOf(PoolClosedException.class);
    }
}
