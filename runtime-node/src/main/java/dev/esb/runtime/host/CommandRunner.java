package dev.esb.runtime.host;

import java.util.List;

/**
 * Runs an external program to completion. Everything runtime-node does to or learns from the node goes
 * through here ({@code iptables-save}, {@code iptables-restore}, {@code sysctl}, {@code ip}, {@code ss},
 * {@code curl}, {@code ctr}), so that tests can replace the node with a fake.
 */
public interface CommandRunner {
    /**
     * Runs {@code argv} with {@code stdin} as its standard input and waits for it to exit.
     * A program that cannot be started yields exit status {@link CommandResult#NOT_FOUND}, never an exception.
     */
    CommandResult run(List<String> argv, String stdin);

    /** Runs {@code argv} with empty standard input. */
    default CommandResult run(String... argv) {
        return run(List.of(argv), "");
    }
}
