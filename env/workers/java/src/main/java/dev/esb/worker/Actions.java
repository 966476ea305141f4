package dev.esb.worker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The worker's actions, the same set and the same results as the Python worker's: {@code echo}, {@code s3-put},
 * {@code s3-get}, {@code ddb-put}, {@code ddb-get}, {@code log}, {@code chain}, {@code fail} and {@code sleep}.
 */
final class Actions {

    static final List<String> NAMES = List.of(
            "echo", "s3-put", "s3-get", "ddb-put", "ddb-get", "log", "chain", "fail", "sleep");

    private final WorkerEnvironment environment;
    private final ObjectMapper json;
    private final AwsClients clients;

    Actions(WorkerEnvironment environment, ObjectMapper json) {
        this.environment = environment;
        this.json = json;
        this.clients = new AwsClients(environment);
    }

    JsonNode run(JsonNode event, Invocation invocation) {
        if (!event.isObject()) {
            throw new WorkerFailure("event: '" + event + "' (expected: a JSON object with an \"action\" field)");
        }

        String action = event.path("action").asText("echo");
        System.out.println("[worker] action=" + action + " request_id=" + invocation.requestId());
        switch (action) {
            case "echo":
                return echo(event, invocation);
            case "s3-put":
                return s3Put(event);
            case "s3-get":
                return s3Get(event);
            case "ddb-put":
                return ddbPut(event);
            case "ddb-get":
                return ddbGet(event);
            case "log":
                return log(event, invocation);
            case "chain":
                return chain(event, invocation);
            case "fail":
                throw new WorkerFailure(event.path("message").asText("failure requested by the event"));
            case "sleep":
                return sleep(event);
            default:
                throw new WorkerFailure("action: '" + action + "' (expected: one of " + String.join(", ", NAMES) + ")");
        }
    }

    private JsonNode echo(JsonNode event, Invocation invocation) {
        return json.createObjectNode()
                .put("runtime", "java")
                .put("function", invocation.functionName())
                .set("event", event);
    }

    private JsonNode s3Put(JsonNode event) {
        String bucket = required(event, "bucket").asText();
        String key = required(event, "key").asText();
        byte[] body = event.path("body").asText("").getBytes(StandardCharsets.UTF_8);

        PutObjectResponse response = clients.s3().putObject(put -> put.bucket(bucket).key(key),
                RequestBody.fromBytes(body));
        return json.createObjectNode()
                .put("bucket", bucket)
                .put("key", key)
                .put("etag", response.eTag().replace("\"", ""))
                .put("size", body.length);
    }

    private JsonNode s3Get(JsonNode event) {
        String bucket = required(event, "bucket").asText();
        String key = required(event, "key").asText();

        String body = clients.s3().getObjectAsBytes(get -> get.bucket(bucket).key(key)).asUtf8String();
        return json.createObjectNode()
                .put("bucket", bucket)
                .put("key", key)
                .put("body", body);
    }

    private JsonNode ddbPut(JsonNode event) {
        String table = required(event, "table").asText();
        ObjectNode item = ((ObjectNode) requiredObject(event, "item")).deepCopy();
        if (event.path("key").isObject()) {
            item.setAll((ObjectNode) event.get("key"));
        }

        Map<String, AttributeValue> wire = ItemConverter.toItem("item", item);
        clients.dynamoDb().putItem(put -> put.tableName(table).item(wire));
        ObjectNode result = json.createObjectNode().put("table", table);
        result.set("item", item);
        return result;
    }

    private JsonNode ddbGet(JsonNode event) {
        String table = required(event, "table").asText();
        JsonNode key = requiredObject(event, "key");

        Map<String, AttributeValue> wireKey = ItemConverter.toItem("key", key);
        GetItemResponse response = clients.dynamoDb().getItem(get -> get.tableName(table).key(wireKey)
                .consistentRead(true));
        ObjectNode result = json.createObjectNode().put("table", table);
        result.set("key", key);
        result.set("item", response.hasItem() ? ItemConverter.toJson(response.item()) : json.nullNode());
        return result;
    }

    private JsonNode log(JsonNode event, Invocation invocation) {
        URI base = environment.victoriaLogsUrl();
        ObjectNode line = json.createObjectNode()
                .put("_time", Instant.now().toString())
                .put("_msg", event.path("message").asText("hello from the java worker"))
                .put("service", "worker")
                .put("runtime", "java")
                .put("function", invocation.functionName())
                .put("request_id", invocation.requestId());

        URI insert = base.resolve("/insert/jsonline?_stream_fields=service&_msg_field=_msg&_time_field=_time");
        HttpRequest request = HttpRequest.newBuilder(insert)
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/stream+json")
                .POST(HttpRequest.BodyPublishers.ofString(line + "\n"))
                .build();
        int status = send(request);
        System.out.println("[worker] shipped a log line to " + base + ": " + status);

        ObjectNode result = json.createObjectNode();
        result.set("shipped", line);
        return result.put("status", status);
    }

    private int send(HttpRequest request) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new WorkerFailure("VictoriaLogs at " + request.uri() + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return response.statusCode();
        } catch (IOException e) {
            throw new WorkerFailure("Failed to ship a log line to " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerFailure("Interrupted while shipping a log line to " + request.uri(), e);
        }
    }

    private JsonNode chain(JsonNode event, Invocation invocation) {
        String target = required(event, "function").asText();
        JsonNode payload = event.has("payload") ? event.get("payload") : json.createObjectNode().put("action", "echo");

        InvokeResponse response = clients.lambda().invoke(invoke -> invoke.functionName(target)
                .payload(SdkBytes.fromUtf8String(payload.toString())));
        JsonNode result = parse(response.payload().asUtf8String());
        if (response.functionError() != null) {
            throw new WorkerFailure("chained function '" + target + "' failed: " + result);
        }

        ObjectNode answer = json.createObjectNode()
                .put("chainedFrom", invocation.functionName())
                .put("function", target);
        answer.set("result", result);
        return answer;
    }

    private JsonNode sleep(JsonNode event) {
        double seconds = event.path("seconds").asDouble(1);
        try {
            Thread.sleep(Math.round(seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerFailure("Interrupted while sleeping " + seconds + " s", e);
        }
        return json.createObjectNode().put("slept", seconds);
    }

    private JsonNode parse(String text) {
        try {
            return text.isEmpty() ? json.nullNode() : json.readTree(text);
        } catch (IOException e) {
            return json.getNodeFactory().textNode(text);
        }
    }

    private static JsonNode required(JsonNode event, String field) {
        JsonNode value = event.get(field);
        if (value == null || value.isNull() || value.asText().isEmpty() && value.isValueNode()) {
            throw new WorkerFailure(field + ": '" + (value == null || value.isNull() ? "" : value.asText())
                    + "' (expected: a value in the event)");
        }
        return value;
    }

    private static JsonNode requiredObject(JsonNode event, String field) {
        JsonNode value = event.get(field);
        if (value == null || !value.isObject()) {
            throw new WorkerFailure(field + ": '" + (value == null ? "" : value) + "' (expected: a JSON object)");
        }
        return value;
    }
}
