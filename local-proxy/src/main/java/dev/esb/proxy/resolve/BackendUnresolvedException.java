package dev.esb.proxy.resolve;

import java.net.UnknownHostException;

/** A backend name has no usable address right now. */
public final class BackendUnresolvedException extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    BackendUnresolvedException(String host, Throwable cause) {
        super("Failed to resolve '" + host + "'" + (cause == null ? "" : ": " + cause.getMessage()));
        if (cause != null) {
            initCause(cause);
        }
    }
}
