package dev.esb.agent.function;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.esb.agent.AgentConfig;

/** The environment of a function's tasks: the node's defaults, then the request's {@code env}, then Lambda's own. */
final class TaskEnvironment {

    private TaskEnvironment() {
    }

    static Map<String, String> of(Map<String, String> defaults, FunctionRequest request, boolean withCa) {
        Map<String, String> env = new LinkedHashMap<>(defaults);
        // A worker reaches the gateway through AWS_ENDPOINT_URL_LAMBDA like any SDK client, unless told otherwise.
        env.putIfAbsent("AWS_ENDPOINT_URL_LAMBDA", defaults.getOrDefault("GATEWAY_INTERNAL_URL", ""));
        env.put("AWS_DEFAULT_REGION", defaults.getOrDefault("AWS_REGION", "us-east-1"));
        if (withCa) {
            env.put("AWS_CA_BUNDLE", AgentConfig.TASK_CA_PATH);
        }
        env.putAll(request.env());

        env.put("AWS_LAMBDA_FUNCTION_NAME", request.name());
        env.put("AWS_LAMBDA_FUNCTION_TIMEOUT", Integer.toString(request.timeoutSeconds()));
        if (!request.handler().isEmpty()) {
            env.put("_HANDLER", request.handler());
        }
        env.values().removeIf(String::isEmpty);
        return env;
    }
}
