package dev.esb.scenarios.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.images.builder.Transferable;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.RequestTooLargeException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.esb.env.backend.S3StorageContainer;
import dev.esb.env.node.RuntimeNodeContainer;
import dev.esb.env.topology.EsbEnvironment;
import dev.esb.scenarios.support.AwsClients;
import dev.esb.scenarios.support.GatewayTrust;
import dev.esb.scenarios.support.SharedEnvironment;

/**
 * The gateway's errors come back as the AWS SDKs expect them: an unknown function, an oversized payload and a
 * handler that raises, through SDK v2 from the host and through boto3 from the Docker network.
 */
@ExtendWith(SharedEnvironment.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvokeErrorsIT {

    private static final String FUNCTION = "errors-python";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EsbEnvironment environment;
    private LambdaClient lambda;

    @BeforeAll
    void deploy(EsbEnvironment environment) throws Exception {
        this.environment = environment;
        FunctionFlowsIT.deploy(environment, FUNCTION, "{\"image\":\"worker-python\",\"timeoutSeconds\":20}");
        lambda = AwsClients.lambda(URI.create("https://localhost:" + environment.runtimeNode().hostGatewayPort()),
                GatewayTrust.trustStore(environment));
    }

    @AfterAll
    void remove() throws Exception {
        lambda.close();
        environment.agent().delete(FUNCTION);
    }

    @Test
    void sdkGetsResourceNotFoundForAnUnknownFunction() {
        assertThatThrownBy(() -> lambda.invoke(request -> request.functionName("no-such-function")))
                .as("SDK v2 invoke of a function that was never deployed")
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode())
                        .as("HTTP status")
                        .isEqualTo(404));
    }

    @Test
    void sdkGetsRequestTooLargeForAPayloadOverSixMegabytes() {
        byte[] payload = new byte[6 * 1024 * 1024 + 1];
        Arrays.fill(payload, (byte) ' ');
        payload[0] = '{';
        payload[payload.length - 1] = '}';

        assertThatThrownBy(() -> lambda.invoke(request -> request.functionName(FUNCTION)
                        .payload(SdkBytes.fromByteArray(payload))))
                .as("SDK v2 invoke with a payload of 6 MiB + 1 byte")
                .isInstanceOfSatisfying(RequestTooLargeException.class, e -> assertThat(e.statusCode())
                        .as("HTTP status")
                        .isEqualTo(413));
    }

    @Test
    void sdkSeesAnUnhandledFunctionErrorWhenTheHandlerRaises() throws Exception {
        InvokeResponse response = lambda.invoke(request -> request.functionName(FUNCTION)
                .payload(SdkBytes.fromUtf8String("{\"action\":\"fail\",\"message\":\"boom from the sdk\"}")));

        assertThat(response.statusCode()).as("HTTP status of a failed handler (Lambda answers 200)").isEqualTo(200);
        assertThat(response.functionError()).as("X-Amz-Function-Error").isEqualTo("Unhandled");
        assertThat(JSON.readTree(response.payload().asUtf8String()).path("errorMessage").asText())
                .as("errorMessage of the payload")
                .contains("boom from the sdk");
    }

    @Test
    void aHandlerThatOverrunsItsTimeoutIsReportedAsLambdaReportsIt() throws Exception {
        FunctionFlowsIT.deploy(environment, "errors-timeout", "{\"image\":\"worker-python\",\"timeoutSeconds\":2}");
        try {
            long started = System.nanoTime();
            InvokeResponse response = lambda.invoke(request -> request.functionName("errors-timeout")
                    .payload(SdkBytes.fromUtf8String("{\"action\":\"sleep\",\"seconds\":6}")));
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;

            assertThat(response.statusCode()).as("HTTP status of a timed-out invoke").isEqualTo(200);
            assertThat(response.functionError()).as("X-Amz-Function-Error of a timeout").isEqualTo("Unhandled");
            assertThat(response.payload().asUtf8String()).as("payload of a timeout").contains("Task timed out");
            assertThat(seconds).as("seconds until the timeout was reported (timeout 2 s, handler sleeps 6 s)")
                    .isBetween(1L, 5L);
        } finally {
            environment.agent().delete("errors-timeout");
        }
    }

    @Test
    void boto3MapsTheSameErrorsToItsExceptions() throws Exception {
        Map<String, JsonNode> cases = runBoto3();

        assertThat(cases.get("ok").path("status").asInt()).as("boto3: status of a good invoke").isEqualTo(200);
        assertThat(cases.get("ok").path("function_error").isNull()).as("boto3: no FunctionError").isTrue();
        assertThat(cases.get("unknown").path("exception").asText()).as("boto3: unknown function")
                .isEqualTo("ResourceNotFoundException");
        assertThat(cases.get("oversized").path("exception").asText()).as("boto3: oversized payload")
                .isEqualTo("RequestTooLargeException");
        assertThat(cases.get("raises").path("function_error").asText()).as("boto3: FunctionError of a raise")
                .isEqualTo("Unhandled");
        assertThat(cases.get("raises").path("payload").asText()).as("boto3: payload of a raise")
                .contains("boom from boto3");
    }

    private Map<String, JsonNode> runBoto3() throws Exception {
        environment.toolbox().copyFileToContainer(Transferable.of(environment.gateway().caPem()), "/tmp/esb-ca.pem");
        String script;
        try (InputStream in = getClass().getResourceAsStream("/boto3/lambda_errors.py")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        ExecResult result = environment.toolbox().execInContainer("env",
                "AWS_ENDPOINT_URL_LAMBDA=https://" + RuntimeNodeContainer.COMPONENT + ":"
                        + RuntimeNodeContainer.GATEWAY_PORT,
                "AWS_CA_BUNDLE=/tmp/esb-ca.pem",
                "AWS_DEFAULT_REGION=" + S3StorageContainer.REGION,
                "AWS_ACCESS_KEY_ID=" + S3StorageContainer.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY=" + S3StorageContainer.SECRET_KEY,
                "python3", "-c", script, FUNCTION);
        assertThat(result.getExitCode()).as("exit code of the boto3 script; stderr:%n%s", result.getStderr())
                .isZero();

        Map<String, JsonNode> cases = new HashMap<>();
        for (String line : result.getStdout().strip().split("\n")) {
            JsonNode node = JSON.readTree(line);
            cases.put(node.get("case").asText(), node);
        }
        assertThat(cases).as("cases the boto3 script reported").containsKeys("ok", "unknown", "oversized", "raises");
        return cases;
    }
}
