/**
 * Backend name resolution and connect retries.
 *
 * <p>Docker's embedded DNS answers container names with a TTL of 600 s. A resolver that honours it keeps sending
 * traffic to a container's old address for ten minutes after the container was recreated. This package therefore
 * keeps its own short-lived view of each backend name ({@link dev.esb.proxy.resolve.BackendAddresses}): answers
 * are reused for at most a configured cap, concurrent lookups of one name share one query, a failed connect forces
 * a fresh lookup, and the last good answer is kept while the DNS server itself does not answer.
 */
package dev.esb.proxy.resolve;
