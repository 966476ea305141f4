package dev.esb.gateway.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A function as the agent registers it: its name, the workers that serve it, and its timeout.
 *
 * @param name the function name, as in Lambda: letters, digits, {@code -} and {@code _}, at most 64
 * @param workers the emulator addresses of its worker tasks, at least one, no duplicates
 * @param timeoutSeconds the longest one invocation may run, 1-900 like Lambda
 */
public record FunctionDefinition(String name, List<WorkerAddress> workers, int timeoutSeconds) {
    /** Lambda's default function timeout. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 3;
    /** Lambda's longest function timeout. */
    public static final int MAX_TIMEOUT_SECONDS = 900;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> FIELDS = Set.of("workers", "timeoutSeconds");

    public FunctionDefinition {
        requireValidName(name);
        workers = List.copyOf(workers);
        if (workers.isEmpty()) {
            throw new IllegalArgumentException("workers: '[]' (expected: at least one host:port)");
        }
        if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException("timeoutSeconds: '" + timeoutSeconds + "' (expected: 1-900)");
        }
    }

    /** The timeout as a duration. */
    public Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    /**
     * Checks a function name against Lambda's rule.
     *
     * @throws IllegalArgumentException naming the value and the rule
     */
    public static String requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: '" + name
                    + "' (expected: 1-64 letters, digits, '-' or '_')");
        }
        return name;
    }

    /**
     * Reads the body of {@code PUT /esb/functions/{name}}: {@code {"workers":["ip:port",...],"timeoutSeconds":N}}.
     *
     * @throws IllegalArgumentException for the first invalid field, naming it and what was expected
     */
    public static FunctionDefinition fromJson(String name, JsonNode body) {
        requireValidName(name);
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("body: '" + body
                    + "' (expected: a JSON object with workers and timeoutSeconds)");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            String field = it.next().getKey();
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("body: unknown field '" + field
                        + "' (expected: workers, timeoutSeconds)");
            }
        }
        return new FunctionDefinition(name, workers(body.get("workers")), timeoutSeconds(body.get("timeoutSeconds")));
    }

    private static List<WorkerAddress> workers(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException("workers: '" + node
                    + "' (expected: a non-empty array of \"host:port\" strings)");
        }
        Set<WorkerAddress> workers = new LinkedHashSet<>();
        for (int index = 0; index < node.size(); index++) {
            JsonNode entry = node.get(index);
            String field = "workers[" + index + "]";
            if (!entry.isTextual()) {
                throw new IllegalArgumentException(field + ": '" + entry + "' (expected: a \"host:port\" string)");
            }
            if (!workers.add(WorkerAddress.parse(field, entry.asText()))) {
                throw new IllegalArgumentException(field + ": '" + entry.asText()
                        + "' (expected: each worker once)");
            }
        }
        return new ArrayList<>(workers);
    }

    private static int timeoutSeconds(JsonNode node) {
        if (node == null || node.isNull()) {
            return DEFAULT_TIMEOUT_SECONDS;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new IllegalArgumentException("timeoutSeconds: '" + node + "' (expected: an integer 1-900)");
        }
        return node.intValue();
    }
}
