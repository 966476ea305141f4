package dev.esb.agent.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import dev.esb.agent.function.DeployedFunction;
import dev.esb.agent.function.Deployer;
import dev.esb.agent.function.FunctionRequest;
import dev.esb.agent.function.InvalidRequestException;
import dev.esb.agent.function.WorkerTask;
import dev.esb.agent.image.WorkerImages;
import dev.esb.agent.logs.LogQuery;

/**
 * The agent's HTTP API on loopback: functions ({@code PUT/GET/DELETE /esb/functions/{name}}, {@code GET
 * /esb/functions}), tasks ({@code GET /esb/tasks}), the gateway's log tails ({@code GET /esb/tasks/logs}),
 * images ({@code GET /esb/images}) and {@code GET /health}. Errors are {@code {"error":"..."}}.
 */
public final class ControlApi implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ControlApi.class);
    private static final int MAX_BODY = 1024 * 1024;

    private final Deployer deployer;
    private final WorkerImages images;
    private final ObjectMapper json;

    public ControlApi(Deployer deployer, WorkerImages images, ObjectMapper json) {
        this.deployer = deployer;
        this.images = images;
        this.json = json;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        // Not try-with-resources: the error answer must be written before the exchange is closed.
        try {
            route(exchange);
        } catch (InvalidRequestException e) {
            error(exchange, 400, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Failed to serve {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            error(exchange, 500, e.getMessage());
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        List<String> segments = List.of(path.replaceFirst("^/+", "").split("/"));

        if (path.equals("/health") && method.equals("GET")) {
            send(exchange, 200, json.createObjectNode()
                    .put("status", "ok")
                    .put("functions", deployer.functions().size())
                    .put("images", images.shortNames().size()));
        } else if (path.equals("/esb/functions") && method.equals("GET")) {
            ArrayNode list = json.createArrayNode();
            deployer.functions().values().forEach(function -> list.add(view(function)));
            send(exchange, 200, json.createObjectNode().set("functions", list));
        } else if (segments.size() == 3 && path.startsWith("/esb/functions/")) {
            function(exchange, method, segments.get(2));
        } else if (path.equals("/esb/tasks/logs") && method.equals("GET")) {
            logs(exchange);
        } else if (path.equals("/esb/tasks") && method.equals("GET")) {
            ArrayNode list = json.createArrayNode();
            deployer.functions().values().forEach(function -> function.tasks().forEach(task -> list.add(view(task))));
            send(exchange, 200, json.createObjectNode().set("tasks", list));
        } else if (path.equals("/esb/images") && method.equals("GET")) {
            ObjectNode names = json.createObjectNode();
            images.shortNames().forEach(names::put);
            send(exchange, 200, json.createObjectNode().set("images", names));
        } else {
            error(exchange, 404, "No such endpoint: " + method + " " + path);
        }
    }

    private void function(HttpExchange exchange, String method, String name) throws IOException {
        FunctionRequest.checkName(name);
        switch (method) {
            case "PUT" -> {
                FunctionRequest request = FunctionRequest.parse(name, body(exchange));
                boolean created = deployer.deploy(request);
                send(exchange, created ? 201 : 200, view(deployer.function(name).orElseThrow()));
            }
            case "GET" -> {
                var deployed = deployer.function(name);
                if (deployed.isPresent()) {
                    send(exchange, 200, view(deployed.get()));
                } else {
                    error(exchange, 404, "Function not found: " + name);
                }
            }
            case "DELETE" -> {
                if (deployer.undeploy(name)) {
                    exchange.sendResponseHeaders(204, -1);
                } else {
                    error(exchange, 404, "Function not found: " + name);
                }
            }
            default -> error(exchange, 405, "method: '" + method + "' (expected: PUT, GET or DELETE)");
        }
    }

    private void logs(HttpExchange exchange) throws IOException {
        LogQuery query = LogQuery.parse(query(exchange.getRequestURI()));
        var task = deployer.taskAt(query.worker());
        if (task.isEmpty()) {
            error(exchange, 404, "worker: '" + query.worker() + "' (expected: the address of a running task)");
            return;
        }

        List<String> lines = task.get().log().since(query.sinceMillis());
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new InvalidRequestException("body: '" + bytes.length + "+ bytes' (expected: at most "
                        + MAX_BODY + " bytes)");
            }
            return json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("body: not JSON (expected: a JSON object; " + e.getOriginalMessage()
                    + ")");
        }
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    private ObjectNode view(DeployedFunction function) {
        FunctionRequest request = function.request();
        ObjectNode node = json.createObjectNode()
                .put("name", request.name())
                .put("image", request.image())
                .put("imageRef", function.imageRef())
                .put("handler", request.handler())
                .put("replicas", request.replicas())
                .put("timeoutSeconds", request.timeoutSeconds());
        ObjectNode env = node.putObject("env");
        request.env().forEach(env::put);
        function.workers().forEach(node.putArray("workers")::add);
        ArrayNode tasks = node.putArray("tasks");
        function.tasks().forEach(task -> tasks.add(view(task)));
        return node;
    }

    private ObjectNode view(WorkerTask task) {
        return json.createObjectNode()
                .put("id", task.id())
                .put("function", task.function())
                .put("pid", task.pid())
                .put("address", task.attachment().address())
                .put("worker", task.worker());
    }

    private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void error(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, json.createObjectNode().put("error", message));
    }
}
