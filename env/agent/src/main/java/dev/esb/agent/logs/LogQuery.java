package dev.esb.agent.logs;

import java.util.Map;

import dev.esb.agent.function.InvalidRequestException;

/** The parameters of {@code GET /esb/tasks/logs?worker=<ip:port>&since=<epochMillis>}. */
public record LogQuery(String worker, long sinceMillis) {

    public static LogQuery parse(Map<String, String> parameters) {
        String worker = parameters.getOrDefault("worker", "");
        if (!worker.matches("\\d{1,3}(\\.\\d{1,3}){3}:\\d{1,5}")) {
            throw new InvalidRequestException("worker: '" + worker + "' (expected: a task address ip:port)");
        }

        String since = parameters.getOrDefault("since", "0");
        try {
            long millis = Long.parseLong(since);
            if (millis < 0) {
                throw new NumberFormatException(since);
            }
            return new LogQuery(worker, millis);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("since: '" + since + "' (expected: epoch milliseconds, 0 or more)");
        }
    }
}
