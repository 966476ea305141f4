package dev.esb.gateway.logtail;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.esb.gateway.metrics.FailureCounter;
import dev.esb.gateway.registry.WorkerAddress;

/**
 * Asks the agent for a worker's recent output:
 * {@code GET <agentUrl>/esb/tasks/logs?worker=<ip:port>&since=<epochMillis>}, answered with {@code 200} and one
 * log line per line of {@code text/plain}. Any other answer, or none within the timeout, gives an empty tail and
 * counts a failure.
 */
public final class AgentLogTailSource implements LogTailSource {
    private static final Logger log = LoggerFactory.getLogger(AgentLogTailSource.class);

    private final HttpClient client;
    private final URI agentUrl;
    private final Duration timeout;
    private final FailureCounter failures;

    /**
     * @param client the HTTP client to use
     * @param agentUrl the agent's base URL, without a trailing slash
     * @param timeout how long to wait for the agent
     */
    public AgentLogTailSource(HttpClient client, URI agentUrl, Duration timeout) {
        this.client = client;
        this.agentUrl = agentUrl;
        this.timeout = timeout;
        this.failures = new FailureCounter(log, "fetch log tail from agent " + agentUrl, Duration.ofSeconds(30));
    }

    @Override
    public CompletableFuture<List<String>> linesSince(WorkerAddress worker, Instant since) {
        URI uri = URI.create(agentUrl + "/esb/tasks/logs?worker="
                + URLEncoder.encode(worker.toString(), StandardCharsets.UTF_8) + "&since=" + since.toEpochMilli());
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();

        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, error) -> {
                    if (error != null) {
                        failures.record("no answer for worker " + worker, error);
                        return List.of();
                    }
                    if (response.statusCode() != 200) {
                        failures.record("HTTP " + response.statusCode() + " for worker " + worker, null);
                        return List.of();
                    }
                    return response.body().lines().toList();
                });
    }

    /** Fetches that failed or were not answered in time. */
    public long failures() {
        return failures.total();
    }
}
