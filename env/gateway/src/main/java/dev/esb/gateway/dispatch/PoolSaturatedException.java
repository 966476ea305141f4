package dev.esb.gateway.dispatch;

/** No worker became free in time and the queue could take no more invocations. */
public final class PoolSaturatedException extends RuntimeException {
    /** Creates the exception with a message naming the function and the bound that was hit. */
    public PoolSaturatedException(String message) {
        super(message, null, false, false);
    }
}
