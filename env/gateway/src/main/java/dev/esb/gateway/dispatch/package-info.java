/**
 * Hands out a function's workers one invocation at a time.
 *
 * <p>The Runtime Interface Emulator in a worker serves a single invocation; a second concurrent request is refused
 * or breaks the one in flight. A {@link dev.esb.gateway.dispatch.WorkerPool} therefore leases each worker to exactly
 * one invocation, queues the rest in two bounded queues (synchronous callers first, then Event invocations), and
 * rejects what does not fit, which the Invoke API reports as {@code TooManyRequestsException}.
 */
package dev.esb.gateway.dispatch;
