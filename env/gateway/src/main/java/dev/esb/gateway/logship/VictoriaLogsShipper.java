package dev.esb.gateway.logship;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.esb.gateway.metrics.FailureCounter;

/**
 * Ships access log entries to VictoriaLogs' JSON-lines endpoint in batches, from one background thread.
 *
 * <p>A batch leaves when {@code batchSize} entries are waiting or every {@code flushInterval}, whichever comes
 * first. A failed batch is dropped and counted rather than retried: while VictoriaLogs is down the buffer would
 * only fill with retries and push out newer entries.
 */
public final class VictoriaLogsShipper implements AccessLog {
    /** The query that tells VictoriaLogs which fields are the stream, the message and the time. */
    public static final String INSERT_PATH =
            "/insert/jsonline?_stream_fields=service&_msg_field=_msg&_time_field=_time";
    /** The {@code service} field of every line. */
    public static final String SERVICE = "gateway";

    private static final Logger log = LoggerFactory.getLogger(VictoriaLogsShipper.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient client;
    private final URI insertUri;
    private final int batchSize;
    private final int bufferSize;
    private final ObjectMapper json = new ObjectMapper();
    private final ArrayDeque<String> buffer = new ArrayDeque<>();
    private final ScheduledExecutorService shipperThread;
    private final AtomicBoolean flushPending = new AtomicBoolean();
    private final FailureCounter failures;
    private final LongAdder recorded = new LongAdder();
    private final LongAdder shipped = new LongAdder();
    private final LongAdder batchesShipped = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder failedLines = new LongAdder();

    /**
     * Starts the shipper thread.
     *
     * @param client the HTTP client to use
     * @param victoriaLogsUrl VictoriaLogs' base URL, without a trailing slash
     * @param batchSize the most entries per request
     * @param flushInterval the longest an entry waits before it is sent
     * @param bufferSize the most entries held; beyond it the oldest are dropped
     */
    public VictoriaLogsShipper(HttpClient client, URI victoriaLogsUrl, int batchSize, Duration flushInterval,
            int bufferSize) {
        this.client = client;
        this.insertUri = URI.create(victoriaLogsUrl + INSERT_PATH);
        this.batchSize = batchSize;
        this.bufferSize = bufferSize;
        this.failures = new FailureCounter(log, "ship access logs to " + insertUri, Duration.ofSeconds(30));
        this.shipperThread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gateway-logship");
            thread.setDaemon(true);
            return thread;
        });
        long interval = flushInterval.toMillis();
        shipperThread.scheduleWithFixedDelay(this::shipAll, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void record(AccessLogEntry entry) {
        String line;
        try {
            line = json.writeValueAsString(fields(entry));
        } catch (JsonProcessingException e) {
            failures.record("cannot serialise entry " + entry.requestId(), e);
            return;
        }

        int waiting;
        synchronized (buffer) {
            if (buffer.size() >= bufferSize) {
                buffer.pollFirst();
                dropped.increment();
            }
            buffer.addLast(line);
            waiting = buffer.size();
        }
        recorded.increment();
        if (waiting >= batchSize && flushPending.compareAndSet(false, true)) {
            try {
                shipperThread.execute(this::shipAll);
            } catch (RejectedExecutionException e) {
                flushPending.set(false);
            }
        }
    }

    @Override
    public ShippingStats stats() {
        int waiting;
        synchronized (buffer) {
            waiting = buffer.size();
        }
        return new ShippingStats(recorded.sum(), shipped.sum(), batchesShipped.sum(), dropped.sum(),
                failures.total(), failedLines.sum(), waiting);
    }

    @Override
    public void close() {
        shipperThread.shutdown();
        try {
            if (!shipperThread.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                shipperThread.shutdownNow();
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        shipAll();
    }

    private static Map<String, Object> fields(AccessLogEntry entry) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("_time", entry.time().toString());
        fields.put("_msg", entry.message());
        fields.put("service", SERVICE);
        fields.put("function", entry.function());
        fields.put("request_id", entry.requestId());
        fields.put("invocation_type", entry.invocationType());
        fields.put("status", entry.status());
        fields.put("outcome", entry.outcome());
        fields.put("duration_ms", entry.durationMillis());
        fields.put("worker", entry.worker());
        return fields;
    }

    private void shipAll() {
        flushPending.set(false);
        while (true) {
            List<String> batch = takeBatch();
            if (batch.isEmpty() || !ship(batch) || batch.size() < batchSize) {
                return;
            }
        }
    }

    private List<String> takeBatch() {
        synchronized (buffer) {
            List<String> batch = new ArrayList<>(Math.min(batchSize, buffer.size()));
            while (batch.size() < batchSize && !buffer.isEmpty()) {
                batch.add(buffer.pollFirst());
            }
            return batch;
        }
    }

    private boolean ship(List<String> batch) {
        String body = String.join("\n", batch) + "\n";
        HttpRequest request = HttpRequest.newBuilder(insertUri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/stream+json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                shipped.add(batch.size());
                batchesShipped.increment();
                return true;
            }
            failedLines.add(batch.size());
            failures.record("HTTP " + response.statusCode() + " for " + batch.size() + " lines: "
                    + abbreviate(response.body()), null);
        } catch (IOException e) {
            failedLines.add(batch.size());
            failures.record(batch.size() + " lines lost", e);
        } catch (InterruptedException e) {
            failedLines.add(batch.size());
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
