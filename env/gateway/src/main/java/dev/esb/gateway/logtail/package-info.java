/**
 * The log tail of an invocation, for {@code X-Amz-Log-Type: Tail}.
 *
 * <p>The emulator has no log tail of its own; it prints {@code START RequestId: ...}, the handler's output, and
 * {@code END}/{@code REPORT} lines to the worker task's standard output, which the agent collects. Because a worker
 * serves one invocation at a time, the lines a worker printed since the gateway dispatched an invocation to it are
 * that invocation's log. A tail that cannot be fetched is empty; it never fails the invocation.
 */
package dev.esb.gateway.logtail;
