package dev.esb.proxy.route;

import java.util.Locale;

/** How a connection ended, as written in its log line. */
public enum FlowOutcome {
    /** Both sides sent FIN. */
    CLOSED,
    /** The client closed its socket without a half-close handshake. */
    CLIENT_CLOSED,
    /** The backend closed its socket without a half-close handshake. */
    BACKEND_CLOSED,
    /** The client reset the connection; the backend was reset too. */
    CLIENT_RESET,
    /** The backend reset the connection; the client was reset too. */
    BACKEND_RESET,
    /** Another I/O error on the client side. */
    CLIENT_ERROR,
    /** Another I/O error on the backend side. */
    BACKEND_ERROR,
    /** No address is known for the backend name. */
    UNRESOLVED,
    /** The backend refused or did not answer the connect, also after the retry. */
    CONNECT_FAILED,
    /** The route was at its connection limit. */
    LIMIT,
    /** No bytes moved for the idle timeout. */
    IDLE_TIMEOUT,
    /** One side sent FIN and the other did not finish within the half-close timeout. */
    HALF_CLOSE_TIMEOUT,
    /** Still open when the shutdown grace period ended. */
    DRAINED;

    /** The outcome as written in logs, e.g. {@code half-close-timeout}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
