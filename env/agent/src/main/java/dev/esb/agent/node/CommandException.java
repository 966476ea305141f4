package dev.esb.agent.node;

import java.util.List;

/** A command that could not be started, timed out or exited non-zero; the message says which and shows stderr. */
public final class CommandException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CommandException(List<String> command, String problem) {
        super("Failed to run '" + String.join(" ", command) + "': " + problem);
    }

    public CommandException(List<String> command, String problem, Throwable cause) {
        super("Failed to run '" + String.join(" ", command) + "': " + problem, cause);
    }
}
