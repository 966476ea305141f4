package dev.esb.gateway.logship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import dev.esb.gateway.testing.FakeRuntimeEmulator;
import dev.esb.gateway.testing.FakeVictoriaLogs;
import dev.esb.gateway.testing.TestGateway;

/** Access logs of real invocations, shipped to a VictoriaLogs stand-in, and invocations while it is down. */
class AccessLogShippingTest {
    @TempDir
    Path certDir;

    @Test
    void shipsOneLinePerInvocationInBatches() throws Exception {
        try (FakeVictoriaLogs logs = FakeVictoriaLogs.start();
                FakeRuntimeEmulator worker = FakeRuntimeEmulator.start(Duration.ofSeconds(3));
                TestGateway gateway = TestGateway.start(certDir, Map.of("VICTORIALOGS_URL", logs.url(),
                        "GATEWAY_LOG_BATCH_SIZE", "2", "GATEWAY_LOG_FLUSH_MILLIS", "100"));
                LambdaClient lambda = gateway.lambdaClient()) {
            gateway.register("logged", 3, List.of(worker.address()));
            Instant before = Instant.now().minusSeconds(1);

            InvokeResponse ok = lambda.invoke(r -> r.functionName("logged").payload(SdkBytes.fromUtf8String("{}")));
            lambda.invoke(r -> r.functionName("logged").payload(SdkBytes.fromUtf8String("{\"action\":\"fail\"}")));
            try {
                lambda.invoke(r -> r.functionName("missing"));
            } catch (ResourceNotFoundException expected) {
                // The line for the refused invocation is what this step is for.
            }

            await("three access log lines reach VictoriaLogs")
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(logs.lines()).as("shipped lines").hasSize(3));
            assertThat(logs.batches()).as("batches of at most two lines")
                    .allSatisfy(batch -> assertThat(batch.lines()).as("lines in one batch").hasSizeLessThanOrEqualTo(2))
                    .allSatisfy(batch -> assertThat(batch.query()).as("insert query")
                            .isEqualTo("_stream_fields=service&_msg_field=_msg&_time_field=_time"));

            JsonNode first = logs.lines().stream()
                    .filter(line -> line.path("request_id").asText().equals(ok.responseMetadata().requestId()))
                    .findFirst().orElseThrow();
            assertThat(first.path("service").asText()).as("service").isEqualTo("gateway");
            assertThat(first.path("function").asText()).as("function").isEqualTo("logged");
            assertThat(first.path("status").asInt()).as("status").isEqualTo(200);
            assertThat(first.path("outcome").asText()).as("outcome").isEqualTo("success");
            assertThat(first.path("worker").asText()).as("worker").isEqualTo(worker.address());
            assertThat(first.path("duration_ms").isIntegralNumber()).as("duration_ms is a number").isTrue();
            assertThat(Instant.parse(first.path("_time").asText())).as("_time").isAfter(before);
            assertThat(first.path("_msg").asText()).as("_msg").contains("logged").contains("200");
            assertThat(logs.lines()).as("outcomes")
                    .extracting(line -> line.path("outcome").asText())
                    .containsExactlyInAnyOrder("success", "function_error", "ResourceNotFoundException");
            assertThat(gateway.metric("esb_gateway_logship_lines_shipped_total")).as("shipped counter").isEqualTo(3);
        }
    }

    @Test
    void keepsInvokingAndCountsFailuresWhileVictoriaLogsIsDown() throws Exception {
        String deadUrl;
        try (ServerSocket closed = new ServerSocket(0)) {
            deadUrl = "http://127.0.0.1:" + closed.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try (FakeRuntimeEmulator worker = FakeRuntimeEmulator.start(Duration.ofSeconds(3));
                TestGateway gateway = TestGateway.start(certDir, Map.of("VICTORIALOGS_URL", deadUrl,
                        "GATEWAY_LOG_BATCH_SIZE", "1", "GATEWAY_LOG_FLUSH_MILLIS", "50"));
                LambdaClient lambda = gateway.lambdaClient()) {
            gateway.register("unlogged", 3, List.of(worker.address()));

            for (int n = 0; n < 3; n++) {
                InvokeResponse response = lambda.invoke(r -> r.functionName("unlogged")
                        .payload(SdkBytes.fromUtf8String("{}")));
                assertThat(response.statusCode()).as("status with VictoriaLogs down").isEqualTo(200);
            }

            await("failed shipments are counted")
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(gateway.metric("esb_gateway_logship_lines_failed_total"))
                            .as("lines lost with failed batches").isEqualTo(3));
            assertThat(gateway.metric("esb_gateway_logship_batches_failed_total")).as("failed batches").isEqualTo(3);
            assertThat(gateway.metric("esb_gateway_logship_lines_shipped_total")).as("shipped lines").isZero();
        }
    }
}
