package dev.esb.runtime;

/** Exit statuses of runtime-node's subcommands. */
public final class ExitCodes {
    /** Done, or everything checked is as it should be. */
    public static final int OK = 0;

    /** Applying failed, a doctor check failed, or status found the node out of step with the plan. */
    public static final int FAILED = 1;

    /** A variable is invalid; nothing was applied. */
    public static final int INVALID_CONFIG = 2;

    private ExitCodes() {
    }
}
