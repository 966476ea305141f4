package dev.esb.gateway.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.RequestTooLargeException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.ServiceException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

import dev.esb.gateway.testing.FakeAgent;
import dev.esb.gateway.testing.FakeRuntimeEmulator;
import dev.esb.gateway.testing.TestGateway;

/** The Invoke API as the AWS SDK for Java v2 sees it, in front of fake emulators on loopback. */
class InvokeApiTest {
    @TempDir
    static Path certDir;

    private static FakeAgent agent;
    private static TestGateway gateway;
    private static LambdaClient lambda;
    private FakeRuntimeEmulator worker;

    @BeforeAll
    static void startGateway() throws Exception {
        agent = FakeAgent.start();
        gateway = TestGateway.start(certDir, Map.of("AGENT_URL", agent.url(), "GATEWAY_QUEUE_SIZE", "1"));
        lambda = gateway.lambdaClient();
    }

    @AfterAll
    static void stopGateway() {
        lambda.close();
        gateway.close();
        agent.close();
    }

    @AfterEach
    void stopWorker() {
        if (worker != null) {
            worker.close();
        }
    }

    private String deploy(String name, int timeoutSeconds, Duration emulatorTimeout) throws Exception {
        worker = FakeRuntimeEmulator.start(emulatorTimeout);
        agent.serving(worker);
        gateway.register(name, timeoutSeconds, List.of(worker.address()));
        return name;
    }

    private InvokeResponse invoke(String function, String payload) {
        return lambda.invoke(r -> r.functionName(function).payload(SdkBytes.fromUtf8String(payload)));
    }

    @Test
    void returnsTheFunctionResultForRequestResponse() throws Exception {
        String function = deploy("echo", 3, Duration.ofSeconds(3));

        InvokeResponse response = invoke(function, "{\"greeting\":\"hello\"}");

        assertThat(response.statusCode()).as("status of a synchronous invoke").isEqualTo(200);
        assertThat(response.payload().asUtf8String()).as("the function's result").isEqualTo("{\"greeting\":\"hello\"}");
        assertThat(response.functionError()).as("function error of a success").isNull();
        assertThat(response.executedVersion()).as("executed version").isEqualTo("$LATEST");
        assertThat(response.responseMetadata().requestId()).as("request ID").isNotBlank();
        assertThat(worker.events()).as("events the worker received").containsExactly("{\"greeting\":\"hello\"}");
    }

    @Test
    void acceptsArnsAndTheLatestQualifier() throws Exception {
        String function = deploy("by-arn", 3, Duration.ofSeconds(3));

        InvokeResponse byArn = lambda.invoke(r -> r.functionName("arn:aws:lambda:us-east-1:000000000000:function:"
                + function + ":$LATEST").payload(SdkBytes.fromUtf8String("{}")));
        InvokeResponse byQualifier = lambda.invoke(r -> r.functionName(function).qualifier("$LATEST")
                .payload(SdkBytes.fromUtf8String("{}")));

        assertThat(byArn.statusCode()).as("status by full ARN with qualifier").isEqualTo(200);
        assertThat(byQualifier.statusCode()).as("status with Qualifier parameter").isEqualTo(200);
        assertThat(worker.served()).as("invocations served").isEqualTo(2);
    }

    @Test
    void passesAnEmptyObjectWhenThePayloadIsEmpty() throws Exception {
        String function = deploy("no-payload", 3, Duration.ofSeconds(3));

        InvokeResponse response = lambda.invoke(r -> r.functionName(function));

        assertThat(response.payload().asUtf8String()).as("echo of an absent payload").isEqualTo("{}");
    }

    @Test
    void reportsAHandlerErrorAsUnhandledWithTheErrorPayload() throws Exception {
        String function = deploy("raises", 3, Duration.ofSeconds(3));

        InvokeResponse response = invoke(function, "{\"action\":\"fail\",\"message\":\"bad input\"}");

        assertThat(response.statusCode()).as("status of a failed handler").isEqualTo(200);
        assertThat(response.functionError()).as("X-Amz-Function-Error").isEqualTo("Unhandled");
        assertThat(response.payload().asUtf8String()).as("error payload")
                .contains("\"errorMessage\": \"boom: bad input\"").contains("\"errorType\": \"RuntimeError\"");
    }

    @Test
    void reportsTheEmulatorsTimeoutTheWayLambdaDoes() throws Exception {
        String function = deploy("slow", 5, Duration.ofSeconds(1));

        InvokeResponse response = invoke(function, "{\"action\":\"hold\"}");

        assertThat(response.functionError()).as("X-Amz-Function-Error of a timeout").isEqualTo("Unhandled");
        assertThat(response.payload().asUtf8String()).as("timeout payload")
                .contains("\"errorType\":\"Sandbox.Timedout\"")
                .contains("Task timed out after 5.00 seconds")
                .contains(response.responseMetadata().requestId());
    }

    @Test
    void enforcesTheTimeoutWhenTheWorkerOverrunsAndKeepsTheWorkerLeasedUntilItAnswers() throws Exception {
        String function = deploy("stuck", 1, Duration.ofSeconds(20));
        long started = System.nanoTime();

        InvokeResponse response = invoke(function, "{\"action\":\"hold\"}");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.functionError()).as("X-Amz-Function-Error of a gateway timeout").isEqualTo("Unhandled");
        assertThat(response.payload().asUtf8String()).as("timeout payload")
                .contains("Task timed out after 1.00 seconds");
        assertThat(elapsed).as("time to the timeout answer").isBetween(Duration.ofSeconds(1), Duration.ofSeconds(8));

        CompletableFuture<InvokeResponse> next = CompletableFuture.supplyAsync(() -> invoke(function, "{}"));
        await("second invocation queues behind the overrunning one")
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(gateway.gateway().registry().find(function).orElseThrow().pool()
                        .snapshot().queuedSync()).as("queued invocations").isEqualTo(1));
        assertThat(worker.inFlight()).as("invocations running on the stuck worker").isEqualTo(1);

        worker.releaseHeld();
        assertThat(next.get(10, TimeUnit.SECONDS).payload().asUtf8String()).as("second result").isEqualTo("{}");
        assertThat(worker.overlaps()).as("requests the worker got while busy").isZero();
    }

    @Test
    void queuesEventInvocationsAndAnswers202AtOnce() throws Exception {
        String function = deploy("events", 3, Duration.ofSeconds(3));

        InvokeResponse response = lambda.invoke(r -> r.functionName(function)
                .invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"n\":1}")));

        assertThat(response.statusCode()).as("status of an Event invoke").isEqualTo(202);
        assertThat(response.payload().asByteArray()).as("body of an Event invoke").isEmpty();
        await("event reaches the worker")
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(worker.events()).as("events").containsExactly("{\"n\":1}"));
    }

    @Test
    void answersDryRunWith204WithoutTouchingTheWorker() throws Exception {
        String function = deploy("dry", 3, Duration.ofSeconds(3));

        InvokeResponse response = lambda.invoke(r -> r.functionName(function).invocationType(InvocationType.DRY_RUN));

        assertThat(response.statusCode()).as("status of a DryRun").isEqualTo(204);
        assertThat(worker.events()).as("events the worker received").isEmpty();
    }

    @Test
    void returnsTheLogTailWhenAsked() throws Exception {
        String function = deploy("tailed", 3, Duration.ofSeconds(3));

        InvokeResponse response = lambda.invoke(r -> r.functionName(function).logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{\"action\":\"echo\"}")));

        String tail = new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
        assertThat(tail).as("decoded X-Amz-Log-Result")
                .contains("START RequestId: ").contains("handling echo").contains("END RequestId: ");
    }

    @Test
    void returnsAnEmptyTailWhenTheAgentDoesNotKnowTheWorker() throws Exception {
        worker = FakeRuntimeEmulator.start(Duration.ofSeconds(3));
        gateway.register("untailed", 3, List.of(worker.address()));

        InvokeResponse response = lambda.invoke(r -> r.functionName("untailed").logType(LogType.TAIL));

        assertThat(response.statusCode()).as("status despite the missing tail").isEqualTo(200);
        assertThat(response.logResult()).as("X-Amz-Log-Result without agent lines").isNullOrEmpty();
    }

    @Test
    void mapsAnUnknownFunctionToResourceNotFoundException() {
        ResourceNotFoundException error = catchThrowableOfType(ResourceNotFoundException.class,
                () -> invoke("does-not-exist", "{}"));

        assertThat(error).as("exception for an unknown function").isNotNull();
        assertThat(error.statusCode()).as("status").isEqualTo(404);
        assertThat(error.awsErrorDetails().errorMessage()).as("message")
                .isEqualTo("Function not found: arn:aws:lambda:us-east-1:000000000000:function:does-not-exist");
        assertThat(error.type()).as("Type field").isEqualTo("User");
    }

    @Test
    void mapsAnUnknownQualifierToResourceNotFoundException() throws Exception {
        String function = deploy("versioned", 3, Duration.ofSeconds(3));

        ResourceNotFoundException error = catchThrowableOfType(ResourceNotFoundException.class,
                () -> lambda.invoke(r -> r.functionName(function).qualifier("prod")));

        assertThat(error).as("exception for an unknown alias").isNotNull();
        assertThat(error.awsErrorDetails().errorMessage()).as("message").endsWith(":function:versioned:prod");
    }

    @Test
    void mapsAnOversizedPayloadToRequestTooLargeException() throws Exception {
        String function = deploy("large", 3, Duration.ofSeconds(3));
        String payload = "\"" + "x".repeat(LambdaError.SYNC_PAYLOAD_LIMIT) + "\"";

        RequestTooLargeException error = catchThrowableOfType(RequestTooLargeException.class,
                () -> invoke(function, payload));

        assertThat(error).as("exception for a payload over 6 MB").isNotNull();
        assertThat(error.statusCode()).as("status").isEqualTo(413);
        assertThat(worker.events()).as("events the worker received").isEmpty();
        assertThat(invoke(function, "{}").statusCode()).as("status of the next invoke").isEqualTo(200);
    }

    @Test
    void acceptsAPayloadOfExactlySixMegabytes() throws Exception {
        String function = deploy("six-mb", 3, Duration.ofSeconds(3));
        String payload = "\"" + "y".repeat(LambdaError.SYNC_PAYLOAD_LIMIT - 2) + "\"";

        InvokeResponse response = invoke(function, payload);

        assertThat(response.payload().asByteArray()).as("echoed payload").hasSize(LambdaError.SYNC_PAYLOAD_LIMIT);
    }

    @Test
    void reportsAnOversizedResultAsAFunctionError() throws Exception {
        String function = deploy("huge-result", 3, Duration.ofSeconds(3));

        InvokeResponse response = invoke(function, "{\"action\":\"big\",\"size\":7000000}");

        assertThat(response.functionError()).as("X-Amz-Function-Error").isEqualTo("Unhandled");
        assertThat(response.payload().asUtf8String()).as("error payload").contains("Function.ResponseSizeTooLarge");
    }

    @Test
    void mapsAnInvalidInvocationTypeToInvalidParameterValueException() throws Exception {
        String function = deploy("typed", 3, Duration.ofSeconds(3));

        InvalidParameterValueException error = catchThrowableOfType(InvalidParameterValueException.class,
                () -> lambda.invoke(r -> r.functionName(function).invocationType("Sometimes")));

        assertThat(error).as("exception for an unknown invocation type").isNotNull();
        assertThat(error.statusCode()).as("status").isEqualTo(400);
        assertThat(error.awsErrorDetails().errorMessage()).as("message").contains("'Sometimes'");
    }

    @Test
    void mapsAFullQueueToTooManyRequestsException() throws Exception {
        String function = deploy("busy", 10, Duration.ofSeconds(20));
        CompletableFuture<InvokeResponse> running = CompletableFuture.supplyAsync(
                () -> invoke(function, "{\"action\":\"hold\"}"));
        await("first invocation runs").atMost(Duration.ofSeconds(5)).until(() -> worker.inFlight() == 1);
        CompletableFuture<InvokeResponse> queued = CompletableFuture.supplyAsync(() -> invoke(function, "{}"));
        await("second invocation queues").atMost(Duration.ofSeconds(5)).until(() -> gateway.gateway().registry()
                .find(function).orElseThrow().pool().snapshot().queuedSync() == 1);

        TooManyRequestsException error = catchThrowableOfType(TooManyRequestsException.class,
                () -> invoke(function, "{}"));

        assertThat(error).as("exception beyond the queue bound").isNotNull();
        assertThat(error.statusCode()).as("status").isEqualTo(429);
        assertThat(error.reasonAsString()).as("Reason").isEqualTo("ConcurrentInvocationLimitExceeded");
        worker.releaseHeld();
        assertThat(running.get(10, TimeUnit.SECONDS).statusCode()).as("held invocation").isEqualTo(200);
        assertThat(queued.get(10, TimeUnit.SECONDS).statusCode()).as("queued invocation").isEqualTo(200);
    }

    @Test
    void mapsAnUnreachableWorkerToServiceException() throws Exception {
        String address;
        try (FakeRuntimeEmulator gone = FakeRuntimeEmulator.start(Duration.ofSeconds(1))) {
            address = gone.address();
        }
        gateway.register("unreachable", 3, List.of(address));

        ServiceException error = catchThrowableOfType(ServiceException.class, () -> invoke("unreachable", "{}"));

        assertThat(error).as("exception for a worker that refuses connections").isNotNull();
        assertThat(error.statusCode()).as("status").isEqualTo(502);
        assertThat(error.awsErrorDetails().errorMessage()).as("message").contains(address);
    }

    @Test
    void rejectsAPayloadThatIsNotJson() throws Exception {
        String function = deploy("strict", 3, Duration.ofSeconds(3));
        HttpRequest request = HttpRequest.newBuilder(gateway.endpoint().resolve(
                        "/2015-03-31/functions/" + function + "/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString("not json"))
                .build();

        HttpResponse<String> response = gateway.httpsClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("status").isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).as("error type")
                .hasValue("InvalidRequestContentException");
        assertThat(worker.events()).as("events the worker received").isEmpty();
    }

    @Test
    void answersHealthAndUnknownPaths() throws Exception {
        HttpResponse<String> health = gateway.httpsClient().send(
                HttpRequest.newBuilder(gateway.endpoint().resolve("/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknown = gateway.httpsClient().send(
                HttpRequest.newBuilder(gateway.endpoint().resolve("/2015-03-31/functions")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).as("health status").isEqualTo(200);
        assertThat(health.body()).as("health body").startsWith("{\"status\":\"ok\"");
        assertThat(unknown.statusCode()).as("unknown operation status").isEqualTo(404);
        assertThat(unknown.headers().firstValue("x-amzn-ErrorType")).as("error type")
                .hasValue("UnknownOperationException");
    }

    @Test
    void answersSeveralRequestsOnOneKeptAliveConnection() throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, gateway.trustManagers(), null);
        String request = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n";

        try (SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket("localhost",
                gateway.gateway().httpsPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write((request + request).getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));

            List<String> statusLines = new ArrayList<>();
            for (int n = 0; n < 2; n++) {
                statusLines.add(reader.readLine());
                int length = 0;
                for (String line = reader.readLine(); !line.isEmpty(); line = reader.readLine()) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring("content-length:".length()).trim());
                    }
                }
                reader.skip(length);
            }
            assertThat(statusLines).as("status lines of two pipelined requests on one connection")
                    .containsExactly("HTTP/1.1 200 OK", "HTTP/1.1 200 OK");
        }
    }
}
