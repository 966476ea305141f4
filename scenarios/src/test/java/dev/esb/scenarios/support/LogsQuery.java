package dev.esb.scenarios.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** LogsQL queries against VictoriaLogs through its mapped port; one JSON object per hit. */
public final class LogsQuery {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LogsQuery() {
    }

    public static List<JsonNode> hits(URI logs, String logsQl) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(logs.resolve("/select/logsql/query"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "query=" + URLEncoder.encode(logsQl, StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("status of LogsQL query %s; body: %s", logsQl, response.body())
                .isEqualTo(200);

        return Arrays.stream(response.body().split("\n"))
                .filter(row -> !row.isBlank())
                .map(LogsQuery::parse)
                .toList();
    }

    private static JsonNode parse(String row) {
        try {
            return JSON.readTree(row);
        } catch (IOException e) {
            throw new AssertionError("VictoriaLogs answered a row that is not JSON: " + row, e);
        }
    }
}
