package dev.esb.gateway.invoke;

/**
 * What a worker's emulator answered.
 *
 * @param status the HTTP status
 * @param body the body, cut off at the response limit
 * @param bodyLength the full length of the body, which is more than {@code body.length} when it was cut off
 */
public record WorkerReply(int status, byte[] body, long bodyLength) {
    /** True when the body was longer than the limit. */
    public boolean truncated() {
        return bodyLength > body.length;
    }
}
