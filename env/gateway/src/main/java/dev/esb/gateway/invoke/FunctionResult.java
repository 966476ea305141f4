package dev.esb.gateway.invoke;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The outcome of running the function once, as Lambda reports it: the body the caller receives, and whether it is
 * a function error.
 *
 * @param body what the caller receives as the payload
 * @param outcome success, function error or timeout
 */
public record FunctionResult(byte[] body, Outcome outcome) {
    /** The three ways a function run ends. */
    public enum Outcome {
        SUCCESS("success"), FUNCTION_ERROR("function_error"), TIMEOUT("timeout");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        /** The name used in logs and metrics. */
        public String label() {
            return label;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TIMEOUT_MARK = "Task timed out";
    // The fields the Python, Java and Node runtime clients put into an error; a result with other fields is data.
    private static final Set<String> ERROR_FIELDS =
            Set.of("errorMessage", "errorType", "stackTrace", "requestId", "cause");

    /** True when {@code X-Amz-Function-Error: Unhandled} applies. */
    public boolean functionError() {
        return outcome != Outcome.SUCCESS;
    }

    /**
     * Reads an emulator reply the way Lambda would have reported it.
     *
     * <p>The emulator answers 200 for a handler error (with the runtime client's error JSON) and for a timeout
     * (with the plain text {@code Task timed out after N.00 seconds}); it answers 502 when the runtime died.
     *
     * @throws LambdaError ServiceException when the emulator answered something it never answers for a function,
     *         such as 400 when it was already busy
     */
    public static FunctionResult fromReply(WorkerReply reply, String requestId, int timeoutSeconds, String worker) {
        if (reply.truncated()) {
            return error("Function.ResponseSizeTooLarge", "Response payload size (" + reply.bodyLength()
                    + " bytes) exceeded maximum allowed payload size (" + WorkerClient.RESPONSE_LIMIT + " bytes).");
        }
        JsonNode json = parse(reply.body());
        boolean errorShaped = isErrorShaped(json);

        if (reply.status() == 200) {
            String text = new String(reply.body(), StandardCharsets.UTF_8);
            boolean timedOut = json == null ? text.contains(TIMEOUT_MARK)
                    : errorShaped && json.path("errorMessage").asText("").contains(TIMEOUT_MARK);
            if (timedOut) {
                return timedOut(requestId, timeoutSeconds);
            }
            return new FunctionResult(reply.body(), errorShaped ? Outcome.FUNCTION_ERROR : Outcome.SUCCESS);
        }
        if (reply.status() == 502) {
            if (errorShaped) {
                return new FunctionResult(reply.body(), Outcome.FUNCTION_ERROR);
            }
            String detail = new String(reply.body(), StandardCharsets.UTF_8).strip();
            return error("Runtime.ExitError", "RequestId: " + requestId + " Error: Runtime exited"
                    + (detail.isEmpty() ? " without providing a reason" : ": " + detail));
        }
        throw LambdaError.workerFailed("Worker " + worker + " answered HTTP " + reply.status()
                + " (expected: 200 from the Runtime Interface Emulator; it answers 400 when already busy)");
    }

    /** A timeout, in the shape Lambda reports it. */
    public static FunctionResult timedOut(String requestId, int timeoutSeconds) {
        FunctionResult result = error("Sandbox.Timedout", "RequestId: " + requestId + " Error: " + TIMEOUT_MARK
                + " after " + timeoutSeconds + ".00 seconds");
        return new FunctionResult(result.body(), Outcome.TIMEOUT);
    }

    private static FunctionResult error(String type, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("errorType", type);
        body.put("errorMessage", message);
        try {
            return new FunctionResult(JSON.writeValueAsBytes(body), Outcome.FUNCTION_ERROR);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Failed to serialise function error " + type, e);
        }
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static boolean isErrorShaped(JsonNode json) {
        if (json == null || !json.isObject()) {
            return false;
        }
        boolean hasError = json.path("errorMessage").isTextual() || json.path("errorType").isTextual();
        boolean onlyErrorFields = true;
        for (var names = json.fieldNames(); names.hasNext(); ) {
            onlyErrorFields &= ERROR_FIELDS.contains(names.next());
        }
        return hasError && onlyErrorFields;
    }
}
