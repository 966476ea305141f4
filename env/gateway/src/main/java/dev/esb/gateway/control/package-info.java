/**
 * The control listener, on loopback only: the agent registers functions here, and operators read metrics.
 *
 * <pre>
 *  PUT    /esb/functions/{name}   {"workers":["10.88.0.5:8080"],"timeoutSeconds":3}   201 created, 200 replaced
 *  GET    /esb/functions          all functions with busy and queued counts
 *  GET    /esb/functions/{name}   one function, 404 when unknown
 *  DELETE /esb/functions/{name}   204, 404 when unknown
 *  GET    /esb/metrics            Prometheus text
 *  GET    /health                 200
 * </pre>
 */
package dev.esb.gateway.control;
