package dev.esb.agent;

import java.util.List;

/** Invalid settings, all of them at once, each as {@code NAME: 'value' (expected: ...)}. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
