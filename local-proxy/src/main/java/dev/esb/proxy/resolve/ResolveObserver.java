package dev.esb.proxy.resolve;

import java.net.InetAddress;
import java.util.List;

/** Receives the outcome of every lookup, for metrics and logs. */
public interface ResolveObserver {
    /** Does nothing. */
    ResolveObserver NONE = new ResolveObserver() {
    };

    /** A lookup answered after {@code nanos}. */
    default void resolved(String host, List<InetAddress> addresses, long nanos) {
    }

    /** A lookup failed after {@code nanos}. */
    default void failed(String host, Throwable cause, long nanos) {
    }
}
