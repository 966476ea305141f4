package dev.esb.proxy;

/** The proxy could not start, e.g. a listen address was taken; nothing stays bound. */
public final class ProxyStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ProxyStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
