package dev.esb.gateway.logship;

import java.time.Instant;

/**
 * One invocation as it appears in the access log.
 *
 * @param time when the gateway answered
 * @param function the function name as the caller gave it
 * @param requestId the {@code x-amzn-RequestId} of the invocation
 * @param invocationType RequestResponse, Event or DryRun
 * @param status the HTTP status returned to the caller
 * @param outcome what happened, such as {@code success}, {@code function_error} or {@code timeout}
 * @param durationMillis from request to answer (for Event: to the worker's answer)
 * @param worker the worker that served it, empty when none did
 */
public record AccessLogEntry(Instant time, String function, String requestId, String invocationType, int status,
        String outcome, long durationMillis, String worker) {

    /** The {@code _msg} of the line: readable on its own in a log viewer. */
    public String message() {
        return "invoke " + function + " " + invocationType + " -> " + status + " " + outcome + " in "
                + durationMillis + " ms" + (worker.isEmpty() ? "" : " on " + worker);
    }
}
