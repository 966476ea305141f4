package dev.esb.gateway.logship;

/**
 * What the access log did with its entries since start.
 *
 * @param recorded entries accepted
 * @param shipped entries VictoriaLogs acknowledged
 * @param batchesShipped acknowledged requests
 * @param dropped entries dropped because the buffer was full (oldest first)
 * @param batchesFailed requests that failed or were refused
 * @param failedLines entries lost with the failed requests
 * @param buffered entries waiting now
 */
public record ShippingStats(long recorded, long shipped, long batchesShipped, long dropped, long batchesFailed,
        long failedLines, int buffered) {
}
