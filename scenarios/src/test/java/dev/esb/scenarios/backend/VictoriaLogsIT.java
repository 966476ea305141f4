package dev.esb.scenarios.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.esb.env.topology.EsbEnvironment;
import dev.esb.scenarios.support.LogsQuery;
import dev.esb.scenarios.support.SharedEnvironment;

/** VictoriaLogs takes JSON lines on {@code /insert/jsonline} and finds them with LogsQL, from the host. */
@ExtendWith(SharedEnvironment.class)
class VictoriaLogsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void ingestedLinesAreFoundByLogsQl(EsbEnvironment environment) throws IOException, InterruptedException {
        URI logs = environment.victoriaLogs().hostEndpoint();
        String run = "run-" + UUID.randomUUID();
        String otherRun = "run-" + UUID.randomUUID();

        HttpResponse<String> insert = post(logs.resolve("/insert/jsonline?_stream_fields=service&_msg_field=_msg"
                + "&_time_field=_time"), String.join("\n",
                line(run, "gateway", "invoke started"),
                line(run, "worker", "s3 put done"),
                line(run, "gateway", "invoke finished"),
                line(otherRun, "gateway", "unrelated")) + "\n");
        assertThat(insert.statusCode()).as("status of /insert/jsonline; body: %s", insert.body()).isEqualTo(200);

        // VictoriaLogs makes new rows searchable within about a second; wait for that, not for a fixed time.
        await("lines of " + run + " become searchable in VictoriaLogs")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(LogsQuery.hits(logs, "run_id:\"" + run + "\""))
                        .as("LogsQL hits for run_id %s", run)
                        .hasSize(3));

        List<JsonNode> gatewayOnly = LogsQuery.hits(logs, "run_id:\"" + run + "\" AND service:gateway");
        assertThat(gatewayOnly).as("hits narrowed to service gateway")
                .extracting(hit -> hit.get("_msg").asText())
                .containsExactlyInAnyOrder("invoke started", "invoke finished");
    }

    private static String line(String run, String service, String message) {
        return JSON.createObjectNode()
                .put("_time", Instant.now().toString())
                .put("_msg", message)
                .put("service", service)
                .put("run_id", run)
                .toString();
    }

    private HttpResponse<String> post(URI uri, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/stream+json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
