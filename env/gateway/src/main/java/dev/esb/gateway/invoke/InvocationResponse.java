package dev.esb.gateway.invoke;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the gateway answers to one invocation, independent of the transport.
 *
 * @param status the HTTP status
 * @param headers response headers besides Content-Length
 * @param body the response body
 */
public record InvocationResponse(int status, Map<String, String> headers, byte[] body) {
    /** The header that carries the request ID, as Lambda spells it. */
    public static final String REQUEST_ID = "x-amzn-RequestId";

    public InvocationResponse {
        headers = Map.copyOf(headers);
    }

    static InvocationResponse json(int status, String requestId, Map<String, String> extraHeaders, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put(REQUEST_ID, requestId);
        headers.put("Content-Type", "application/json");
        return new InvocationResponse(status, headers, body);
    }

    static InvocationResponse empty(int status, String requestId) {
        return new InvocationResponse(status, Map.of(REQUEST_ID, requestId), new byte[0]);
    }
}
