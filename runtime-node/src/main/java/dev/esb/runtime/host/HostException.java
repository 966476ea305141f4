package dev.esb.runtime.host;

/** A command against the node failed; the message names the command and the reason it gave. */
public final class HostException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what failed and why. */
    public HostException(String message) {
        super(message);
    }

    /** Creates the exception for {@code command} failing with {@code result}. */
    public static HostException of(String command, CommandResult result) {
        return new HostException("Failed to run " + command + ": " + result.firstErrorLine());
    }
}
