package dev.esb.runtime.apply;

/** Applying the plan failed; the message says which step, why, and what to do about it. */
public final class ApplyException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message meant for the operator. */
    public ApplyException(String message) {
        super(message);
    }
}
