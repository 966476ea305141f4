package dev.esb.runtime.config;

import java.util.List;

/** Thrown when one or more variables are invalid; each problem names the variable, its value and what fits. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** Creates the exception from the problems found, in the order the variables were read. */
    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, such as {@code DNAT_DB_PORT: '80x1' (expected: a port 1-65535)}. */
    public List<String> problems() {
        return problems;
    }
}
