package dev.esb.gateway.invoke;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A service error of the Invoke API, shaped like Lambda's: the error name in {@code x-amzn-ErrorType}, and a JSON
 * body with {@code Type} and {@code message}. The AWS SDKs pick their exception class from the error name
 * (SDK for Java v2: {@code ResourceNotFoundException}, boto3: {@code client.exceptions.ResourceNotFoundException}).
 */
public final class LambdaError extends RuntimeException {
    /** Lambda's limit for a synchronous request payload. */
    public static final int SYNC_PAYLOAD_LIMIT = 6 * 1024 * 1024;
    /** Lambda's limit for an Event payload. */
    public static final int EVENT_PAYLOAD_LIMIT = 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final String errorType;
    private final String faultType;
    private final String reason;

    private LambdaError(int status, String errorType, String faultType, String message, String reason) {
        super(message, null, false, false);
        this.status = status;
        this.errorType = errorType;
        this.faultType = faultType;
        this.reason = reason;
    }

    /** 404: no such function (or qualifier). */
    public static LambdaError functionNotFound(String arn) {
        return new LambdaError(404, "ResourceNotFoundException", "User", "Function not found: " + arn, null);
    }

    /** 413: the payload is over the limit of the invocation type. */
    public static LambdaError requestTooLarge(int limit) {
        return new LambdaError(413, "RequestTooLargeException", "User",
                "Request must be smaller than " + limit + " bytes for the InvokeFunction operation", null);
    }

    /** 400: a parameter has a value Lambda does not accept. */
    public static LambdaError invalidParameter(String message) {
        return new LambdaError(400, "InvalidParameterValueException", "User", message, null);
    }

    /** 400: the payload is not JSON. */
    public static LambdaError invalidRequestContent(String message) {
        return new LambdaError(400, "InvalidRequestContentException", "User", message, null);
    }

    /** 400: a request parameter breaks the API's constraints, such as the function name pattern. */
    public static LambdaError validation(String message) {
        return new LambdaError(400, "ValidationException", "User", message, null);
    }

    /** 429: every worker is busy and the queue is full, or the wait for a worker ran out. */
    public static LambdaError tooManyRequests(String detail) {
        return new LambdaError(429, "TooManyRequestsException", "User", "Rate Exceeded. " + detail,
                "ConcurrentInvocationLimitExceeded");
    }

    /** 502: the worker could not be reached or answered in a way the emulator never does for a function. */
    public static LambdaError workerFailed(String message) {
        return new LambdaError(502, "ServiceException", "Service", message, null);
    }

    /** 500: a fault of the gateway itself. */
    public static LambdaError internal(String message) {
        return new LambdaError(500, "ServiceException", "Service", message, null);
    }

    /** 404: no operation of the API lives at this method and path. */
    public static LambdaError unknownOperation(String method, String path) {
        return new LambdaError(404, "UnknownOperationException", "User",
                "Unknown operation: " + method + " " + path, null);
    }

    /** 400: the request is not valid HTTP. */
    public static LambdaError badRequest(String message) {
        return new LambdaError(400, "InvalidRequestContentException", "User", message, null);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The error name, as in {@code x-amzn-ErrorType}. */
    public String errorType() {
        return errorType;
    }

    /** The error as the response the caller receives. */
    public InvocationResponse toResponse(String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Type", faultType);
        body.put("message", getMessage());
        if (reason != null) {
            body.put("Reason", reason);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amzn-ErrorType", errorType);
        if (status == 429) {
            headers.put("Retry-After", "1");
        }
        try {
            return InvocationResponse.json(status, requestId, headers, JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Failed to serialise error " + errorType, e);
        }
    }
}
