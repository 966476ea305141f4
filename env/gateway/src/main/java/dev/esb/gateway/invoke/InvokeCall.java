package dev.esb.gateway.invoke;

/**
 * One Invoke request as it came off the wire, not yet validated.
 *
 * @param requestId the ID the gateway gave the request
 * @param functionName the decoded {@code {name}} path segment
 * @param qualifier the {@code Qualifier} query parameter, or {@code null}
 * @param invocationType the {@code X-Amz-Invocation-Type} header, or {@code null}
 * @param logType the {@code X-Amz-Log-Type} header, or {@code null}
 * @param payload the request body
 */
public record InvokeCall(String requestId, String functionName, String qualifier, String invocationType,
        String logType, byte[] payload) {
}
