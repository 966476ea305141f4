package dev.esb.worker;

/**
 * A handler failure that the event asked for or caused. The runtime interface client reports it to the emulator as
 * {@code errorType} {@code dev.esb.worker.WorkerFailure} with this message, and the gateway marks the invocation
 * {@code X-Amz-Function-Error: Unhandled}.
 */
public final class WorkerFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure with a message in the form {@code field: 'value' (expected: ...)} where a field is at fault. */
    public WorkerFailure(String message) {
        super(message);
    }

    /** A failure caused by a client call that threw. */
    public WorkerFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
