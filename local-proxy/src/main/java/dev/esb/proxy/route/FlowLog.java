package dev.esb.proxy.route;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one line logged when a connection has closed, in logfmt ({@code key=value} pairs):
 * {@code route=s3 client=127.0.0.1:40112 backend=172.18.0.3:9000 bytes_to_backend=512 bytes_to_client=2048
 * duration_ms=14 attempts=1 outcome=closed}.
 */
final class FlowLog {
    private static final Logger log = LoggerFactory.getLogger("dev.esb.proxy.flow");

    private FlowLog() {
    }

    static void closed(String route, String client, String backend, long toBackend, long toClient,
            long durationMillis, int attempts, FlowOutcome outcome) {
        if (log.isInfoEnabled()) {
            log.info(format(route, client, backend, toBackend, toClient, durationMillis, attempts, outcome));
        }
    }

    static String format(String route, String client, String backend, long toBackend, long toClient,
            long durationMillis, int attempts, FlowOutcome outcome) {
        return "route=" + route
                + " client=" + client
                + " backend=" + backend
                + " bytes_to_backend=" + toBackend
                + " bytes_to_client=" + toClient
                + " duration_ms=" + durationMillis
                + " attempts=" + attempts
                + " outcome=" + outcome.label();
    }
}
