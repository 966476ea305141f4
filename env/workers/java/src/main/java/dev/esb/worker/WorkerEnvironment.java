package dev.esb.worker;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/**
 * The settings a worker reads from its environment. Endpoints are never defaults of this class: on an ESB node the
 * agent sets {@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL_DYNAMODB} (read by the SDK itself),
 * {@code AWS_ENDPOINT_URL_LAMBDA} or {@code GATEWAY_INTERNAL_URL}, {@code VICTORIALOGS_URL} and
 * {@code AWS_CA_BUNDLE}.
 */
final class WorkerEnvironment {

    private final Map<String, String> variables;

    WorkerEnvironment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    static WorkerEnvironment fromSystem() {
        return new WorkerEnvironment(System.getenv());
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(variables.get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    /** The endpoint of chained invokes: {@code AWS_ENDPOINT_URL_LAMBDA}, else {@code GATEWAY_INTERNAL_URL}. */
    URI lambdaEndpoint() {
        boolean explicit = optional("AWS_ENDPOINT_URL_LAMBDA").isPresent();
        return url(explicit ? "AWS_ENDPOINT_URL_LAMBDA" : "GATEWAY_INTERNAL_URL");
    }

    URI victoriaLogsUrl() {
        return url("VICTORIALOGS_URL");
    }

    Optional<String> caBundle() {
        return optional("AWS_CA_BUNDLE");
    }

    private URI url(String name) {
        String value = optional(name).orElseThrow(() -> new WorkerFailure(
                name + ": '' (expected: an http(s) URL set in the function's environment)"));
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null || !uri.getScheme().matches("https?")) {
                throw new URISyntaxException(value, "no http(s) scheme or host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new WorkerFailure(name + ": '" + value + "' (expected: an http(s) URL with a host)", e);
        }
    }
}
