package dev.esb.agent.function;

import java.util.List;

/** A deploy request that was refused before anything was created; each problem as {@code field: 'value' (...)}. */
public final class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidRequestException(List<String> problems) {
        super(String.join("; ", problems));
    }

    public InvalidRequestException(String problem) {
        super(problem);
    }
}
