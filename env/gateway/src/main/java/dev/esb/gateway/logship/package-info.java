/**
 * Access logs shipped to VictoriaLogs.
 *
 * <pre>
 *  invoke ──record──▶ bounded buffer ──batch (size or interval)──▶ POST /insert/jsonline
 *                     (full: drop oldest)                            (fails: count, warn rarely)
 * </pre>
 *
 * <p>Recording never blocks and never fails: an invocation must not depend on the log backend.
 */
package dev.esb.gateway.logship;
