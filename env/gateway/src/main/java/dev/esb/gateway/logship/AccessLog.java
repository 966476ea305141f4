package dev.esb.gateway.logship;

/** Where access log entries go. Implementations never block and never throw from {@link #record}. */
public interface AccessLog extends AutoCloseable {
    /** Accepts one entry. */
    void record(AccessLogEntry entry);

    /** Counters of what happened to the entries so far. */
    ShippingStats stats();

    /** Ships what is buffered, within a bounded time, and stops. */
    @Override
    void close();

    /** An access log that keeps nothing, for a gateway configured without VictoriaLogs. */
    static AccessLog discarding() {
        return new AccessLog() {
            @Override
            public void record(AccessLogEntry entry) {
            }

            @Override
            public ShippingStats stats() {
                return new ShippingStats(0, 0, 0, 0, 0, 0, 0);
            }

            @Override
            public void close() {
            }
        };
    }
}
