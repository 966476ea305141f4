package dev.esb.gateway.dispatch;

/** The function was removed while the invocation waited for one of its workers. */
public final class PoolClosedException extends RuntimeException {
    /** Creates the exception for the removed function. */
    public PoolClosedException(String functionName) {
        super("Function " + functionName + " was removed", null, false, false);
    }
}
