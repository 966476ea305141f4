package dev.esb.gateway.invoke;

/** The values of {@code X-Amz-Invocation-Type}. */
public enum InvocationType {
    /** Synchronous: the caller waits for the function's result (the default). */
    REQUEST_RESPONSE("RequestResponse"),
    /** Asynchronous: queued, answered with 202 at once. */
    EVENT("Event"),
    /** Only checks that the function exists and the caller may invoke it: 204. */
    DRY_RUN("DryRun");

    private final String wireName;

    InvocationType(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire, such as {@code RequestResponse}. */
    public String wireName() {
        return wireName;
    }

    /**
     * Parses the header value; absent means RequestResponse.
     *
     * @throws LambdaError InvalidParameterValueException for any other value
     */
    public static InvocationType fromHeader(String value) {
        if (value == null) {
            return REQUEST_RESPONSE;
        }
        for (InvocationType type : values()) {
            if (type.wireName.equals(value)) {
                return type;
            }
        }
        throw LambdaError.invalidParameter("X-Amz-Invocation-Type: '" + value
                + "' (expected: RequestResponse, Event or DryRun)");
    }
}
