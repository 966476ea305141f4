package dev.esb.gateway;

import java.util.List;

/**
 * Raised when the gateway's configuration is invalid. Each problem reads
 * {@code NAME: 'value' (expected: ...)}; all problems are collected before the gateway starts anything.
 */
public final class ConfigException extends Exception {
    private final List<String> problems;

    /** Creates the exception from the problems found, one line each. */
    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** The individual problems, in the order they were found. */
    public List<String> problems() {
        return problems;
    }
}
