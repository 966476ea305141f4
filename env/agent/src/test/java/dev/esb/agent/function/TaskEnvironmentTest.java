package dev.esb.agent.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TaskEnvironmentTest {

    private final Map<String, String> defaults = Map.of(
            "AWS_REGION", "eu-west-1",
            "AWS_ENDPOINT_URL_S3", "http://gw:9000",
            "GATEWAY_INTERNAL_URL", "https://gw:443");

    @Test
    void layersDefaultsThenRequestThenLambdaVariables() {
        FunctionRequest request = new FunctionRequest("fn", "w", "h.handle",
                Map.of("AWS_ENDPOINT_URL_S3", "http://other:9000", "MODE", "x"), 1, 7);

        Map<String, String> env = TaskEnvironment.of(defaults, request, true);

        assertThat(env).as("task environment")
                .containsEntry("AWS_ENDPOINT_URL_S3", "http://other:9000")
                .containsEntry("MODE", "x")
                .containsEntry("AWS_DEFAULT_REGION", "eu-west-1")
                .containsEntry("AWS_ENDPOINT_URL_LAMBDA", "https://gw:443")
                .containsEntry("AWS_CA_BUNDLE", "/etc/esb/ca.pem")
                .containsEntry("AWS_LAMBDA_FUNCTION_NAME", "fn")
                .containsEntry("AWS_LAMBDA_FUNCTION_TIMEOUT", "7")
                .containsEntry("_HANDLER", "h.handle");
    }

    @Test
    void leavesOutTheCaBundleAndHandlerWhenThereAreNone() {
        FunctionRequest request = new FunctionRequest("fn", "w", "", Map.of(), 1, 3);

        Map<String, String> env = TaskEnvironment.of(defaults, request, false);

        assertThat(env).as("task environment").doesNotContainKeys("AWS_CA_BUNDLE", "_HANDLER");
    }

    @Test
    void dropsVariablesTheRequestEmptied() {
        FunctionRequest request = new FunctionRequest("fn", "w", "", Map.of("AWS_ENDPOINT_URL_S3", ""), 1, 3);

        Map<String, String> env = TaskEnvironment.of(defaults, request, false);

        assertThat(env).as("task environment").doesNotContainKey("AWS_ENDPOINT_URL_S3");
    }
}
