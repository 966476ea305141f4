package dev.esb.agent.function;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Tells the gateway, through its control API, which workers serve a function. */
public final class GatewayRegistry {

    private final URI base;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public GatewayRegistry(URI base, ObjectMapper json) {
        this.base = base;
        this.json = json;
    }

    /** {@code PUT /esb/functions/{name}} with the workers and the timeout. */
    public void register(String name, List<String> workers, int timeoutSeconds) {
        ObjectNode body = json.createObjectNode().put("timeoutSeconds", timeoutSeconds);
        workers.forEach(body.putArray("workers")::add);

        HttpRequest request = HttpRequest.newBuilder(function(name))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new IllegalStateException("Gateway at " + base + " refused function '" + name + "': "
                    + response.statusCode() + " " + response.body());
        }
    }

    /** {@code DELETE /esb/functions/{name}}; a function the gateway does not know is fine. */
    public void unregister(String name) {
        HttpRequest request = HttpRequest.newBuilder(function(name))
                .timeout(Duration.ofSeconds(10))
                .DELETE()
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 204 && response.statusCode() != 404) {
            throw new IllegalStateException("Gateway at " + base + " did not remove function '" + name + "': "
                    + response.statusCode() + " " + response.body());
        }
    }

    private URI function(String name) {
        return base.resolve("/esb/functions/" + name);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Failed to reach the gateway's control API at " + base + " ("
                    + e.getMessage() + "); AGENT_GATEWAY_URL names it", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling the gateway at " + base, e);
        }
    }
}
