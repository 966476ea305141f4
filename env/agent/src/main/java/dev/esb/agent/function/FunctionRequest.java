package dev.esb.agent.function;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A validated deploy request, the body of {@code PUT /esb/functions/{name}}:
 * {@code {"image":"worker-python","handler":"esb_handler.handle","env":{"K":"V"},"replicas":1,"timeoutSeconds":3}}.
 * Only {@code image} is required.
 */
public record FunctionRequest(String name, String image, String handler, Map<String, String> env, int replicas,
        int timeoutSeconds) {

    public static final int MAX_REPLICAS = 16;

    private static final Set<String> FIELDS = Set.of("image", "handler", "env", "replicas", "timeoutSeconds");

    /** Set by the agent from the request itself; an {@code env} entry may not override them. */
    static final Set<String> RESERVED_ENV = Set.of("_HANDLER", "AWS_LAMBDA_FUNCTION_NAME",
            "AWS_LAMBDA_FUNCTION_TIMEOUT", "AWS_LAMBDA_RUNTIME_API");

    public FunctionRequest {
        env = Map.copyOf(env);
    }

    /** Validates a function name the way the gateway does: 1-64 of {@code A-Za-z0-9-_}. */
    public static void checkName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new InvalidRequestException("name: '" + name + "' (expected: 1-64 of A-Za-z0-9, '-' and '_')");
        }
    }

    /** Parses and checks a request body; every problem is reported at once. */
    public static FunctionRequest parse(String name, JsonNode body) {
        checkName(name);
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("body: '" + body + "' (expected: a JSON object with at least \"image\")");
        }

        List<String> problems = new ArrayList<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                problems.add(field + ": '" + body.get(field) + "' (expected: no such field; known: "
                        + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }

        String image = text(body, "image", null, "[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}", "an image name such as "
                + "worker-python", problems);
        String handler = text(body, "handler", "", "[^\\s]{1,256}", "a handler without spaces, e.g. "
                + "esb_handler.handle or dev.esb.worker.EsbHandler::handleRequest", problems);
        int replicas = integer(body, "replicas", 1, 1, MAX_REPLICAS, problems);
        int timeout = integer(body, "timeoutSeconds", 3, 1, 900, problems);
        Map<String, String> env = env(body.get("env"), problems);

        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new FunctionRequest(name, image, handler, env, replicas, timeout);
    }

    private static String text(JsonNode body, String field, String fallback, String pattern, String expected,
            List<String> problems) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (fallback == null) {
                problems.add(field + ": '' (expected: " + expected + ")");
            }
            return fallback;
        }
        if (!value.isTextual() || !value.textValue().matches(pattern)) {
            problems.add(field + ": '" + (value.isTextual() ? value.textValue() : value) + "' (expected: "
                    + expected + ")");
            return fallback;
        }
        return value.textValue();
    }

    private static int integer(JsonNode body, String field, int fallback, int min, int max, List<String> problems) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            problems.add(field + ": '" + value + "' (expected: an integer " + min + "-" + max + ")");
            return fallback;
        }
        return value.asInt();
    }

    private static Map<String, String> env(JsonNode value, List<String> problems) {
        Map<String, String> env = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return env;
        }
        if (!value.isObject()) {
            problems.add("env: '" + value + "' (expected: an object of string values)");
            return env;
        }

        value.fields().forEachRemaining(entry -> {
            String variable = entry.getKey();
            JsonNode setting = entry.getValue();
            if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                problems.add("env." + variable + ": '" + setting + "' (expected: a variable name of A-Za-z0-9_)");
            } else if (RESERVED_ENV.contains(variable)) {
                problems.add("env." + variable + ": '" + setting.asText() + "' (expected: not set; the agent sets it"
                        + " from the request)");
            } else if (!setting.isTextual() || setting.textValue().indexOf('\0') >= 0) {
                problems.add("env." + variable + ": '" + setting + "' (expected: a string)");
            } else {
                env.put(variable, setting.textValue());
            }
        });
        return env;
    }
}
