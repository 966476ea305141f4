package dev.esb.scenarios.function;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.Container.ExecResult;

import io.restassured.response.Response;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.esb.env.node.RuntimeNodeContainer;
import dev.esb.env.topology.EsbEnvironment;
import dev.esb.scenarios.support.AwsClients;
import dev.esb.scenarios.support.GatewayTrust;
import dev.esb.scenarios.support.LogsQuery;
import dev.esb.scenarios.support.SharedEnvironment;

/**
 * The flows of the seed with real workers: the host invokes a Python (boto3) and a Java (SDK v2) worker through
 * runtime-node's published :443 (flows 1 and 2); the workers reach S3, DynamoDB and VictoriaLogs at 10.88.0.1
 * through PREROUTING DNAT and local-proxy (flow 4), and each other through https://10.88.0.1:443 (flow 3); the
 * gateway ships its access log through OUTPUT DNAT (flow 5). Every result is checked independently from the host.
 */
@ExtendWith(SharedEnvironment.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FunctionFlowsIT {

    static final String PYTHON = "flows-python";
    static final String JAVA = "flows-java";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PREROUTING_S3 =
            Pattern.compile("\\[(\\d+):\\d+] -A ESB-PREROUTING .*--dport 9000 .*esb-s3");

    private final String bucket = "flows-" + UUID.randomUUID().toString().substring(0, 8);
    private final String table = "flows-" + UUID.randomUUID().toString().substring(0, 8);
    private EsbEnvironment environment;
    private S3Client s3;
    private DynamoDbClient dynamo;

    @BeforeAll
    void deployBothWorkers(EsbEnvironment environment) throws Exception {
        this.environment = environment;
        s3 = AwsClients.s3(environment.s3Storage().hostEndpoint());
        dynamo = AwsClients.dynamoDb(environment.database().hostEndpoint());
        s3.createBucket(request -> request.bucket(bucket));
        dynamo.createTable(request -> request.tableName(table)
                .attributeDefinitions(definition -> definition.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(key -> key.attributeName("id").keyType(KeyType.HASH))
                .billingMode("PAY_PER_REQUEST"));

        deploy(environment, PYTHON, "{\"image\":\"worker-python\",\"timeoutSeconds\":20}");
        deploy(environment, JAVA, "{\"image\":\"worker-java\",\"timeoutSeconds\":60}");
    }

    static void deploy(EsbEnvironment environment, String function, String spec) throws Exception {
        ExecResult deployed = environment.agent().deploy(function, spec);
        assertThat(deployed.getStdout()).as("agent's answer to deploying %s; stderr: %s", function,
                deployed.getStderr()).matches("(?s).*\\n20[01]$");
    }

    @AfterAll
    void removeWorkers() throws Exception {
        environment.agent().delete(PYTHON);
        environment.agent().delete(JAVA);
        s3.close();
        dynamo.close();
    }

    @Test
    void pythonWorkerStoresAnObjectTheHostReadsBack() throws Exception {
        workerStoresAnObjectTheHostReadsBack(PYTHON);
    }

    @Test
    void javaWorkerStoresAnObjectTheHostReadsBack() throws Exception {
        workerStoresAnObjectTheHostReadsBack(JAVA);
    }

    private void workerStoresAnObjectTheHostReadsBack(String function) throws Exception {
        String key = function + "/object.txt";
        String body = "written by " + function + " through 10.88.0.1:9000 " + UUID.randomUUID();
        long before = preroutingS3Packets();

        Response response = invoke(function, Map.of("action", "s3-put", "bucket", bucket, "key", key, "body", body));

        assertThat(response.statusCode()).as("status of invoking %s", function).isEqualTo(200);
        assertThat(response.header("X-Amz-Function-Error")).as("function error of %s", function).isNull();
        assertThat(response.header("X-Amz-Executed-Version")).as("executed version").isEqualTo("$LATEST");
        String stored = s3.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asUtf8String();
        assertThat(stored).as("object %s read from the host through the S3 server's mapped port", key)
                .isEqualTo(body);
        assertThat(preroutingS3Packets()).as("packets of the PREROUTING DNAT rule for :9000 (worker side)")
                .isGreaterThan(before);
    }

    @Test
    void workersWriteItemsTheHostReadsBack() throws Exception {
        for (String function : new String[] {PYTHON, JAVA}) {
            String id = function + "-" + UUID.randomUUID();
            Response response = invoke(function, Map.of("action", "ddb-put", "table", table,
                    "key", Map.of("id", id), "item", Map.of("writer", function, "n", 7)));
            assertThat(response.statusCode()).as("status of ddb-put on %s: %s", function, response.asString())
                    .isEqualTo(200);

            Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                    .key(Map.of("id", AttributeValue.fromS(id)))
                    .consistentRead(true)).item();
            assertThat(item).as("item %s read from the host through the database's mapped port", id)
                    .containsEntry("writer", AttributeValue.fromS(function))
                    .containsEntry("n", AttributeValue.fromN("7"));
        }
    }

    @Test
    void workerAndGatewayLogLinesReachVictoriaLogs() throws Exception {
        String message = "flows log line " + UUID.randomUUID();

        Response response = invoke(PYTHON, Map.of("action", "log", "message", message));
        assertThat(response.statusCode()).as("status of the log action: %s", response.asString()).isEqualTo(200);
        String requestId = response.header("x-amzn-RequestId");

        await("the worker's line reaches VictoriaLogs through 10.88.0.1:9428 (PREROUTING DNAT + local-proxy)")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(LogsQuery.hits(environment.victoriaLogs().hostEndpoint(),
                        "service:worker AND _msg:\"" + message + "\""))
                        .as("worker log lines with the message")
                        .hasSize(1));
        await("the gateway's access log line reaches VictoriaLogs through OUTPUT DNAT + local-proxy")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(LogsQuery.hits(environment.victoriaLogs().hostEndpoint(),
                        "service:gateway AND request_id:\"" + requestId + "\""))
                        .as("gateway access log lines for request %s", requestId)
                        .extracting(hit -> hit.path("function").asText())
                        .containsExactly(PYTHON));
    }

    @Test
    void chainedInvokeGoesThroughTheGatewayAndBackToTheHost() throws Exception {
        String key = "chain/source.txt";
        s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromString("put by the host"));

        JsonNode pythonToJava = JSON.readTree(invoke(PYTHON, Map.of("action", "chain", "function", JAVA,
                "payload", Map.of("action", "s3-get", "bucket", bucket, "key", key))).asString());
        JsonNode javaToPython = JSON.readTree(invoke(JAVA, Map.of("action", "chain", "function", PYTHON,
                "payload", Map.of("action", "echo", "marker", "from-java"))).asString());

        assertThat(pythonToJava.path("chainedFrom").asText()).as("python -> java: caller").isEqualTo(PYTHON);
        assertThat(pythonToJava.path("result").path("body").asText()).as("python -> java -> S3: object body")
                .isEqualTo("put by the host");
        assertThat(javaToPython.path("chainedFrom").asText()).as("java -> python: caller").isEqualTo(JAVA);
        assertThat(javaToPython.path("result").path("event").path("marker").asText())
                .as("java -> python: the event the python worker saw")
                .isEqualTo("from-java");
    }

    @Test
    void concurrentInvokesOfOneSingleTaskFunctionAreQueuedAndAllSucceed() throws Exception {
        // The emulator serves one invocation at a time; the gateway must queue the rest, not send them to it.
        List<CompletableFuture<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Map<String, Object> event = Map.of("action", "echo", "call", i);
            calls.add(CompletableFuture.supplyAsync(() -> invokeUnchecked(PYTHON, event)));
        }

        for (int i = 0; i < calls.size(); i++) {
            Response response = calls.get(i).get(60, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as("status of concurrent call %d: %s", i, response.asString())
                    .isEqualTo(200);
            assertThat(JSON.readTree(response.asString()).path("event").path("call").asInt())
                    .as("the event concurrent call %d carried", i)
                    .isEqualTo(i);
        }
    }

    private Response invokeUnchecked(String function, Map<String, ?> event) {
        try {
            return invoke(function, event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response invoke(String function, Map<String, ?> event) throws IOException {
        return given().config(GatewayTrust.restAssured(environment))
                .baseUri("https://localhost")
                .port(environment.runtimeNode().hostGatewayPort())
                .contentType("application/json")
                .body(JSON.writeValueAsString(event))
                .when()
                .post("/2015-03-31/functions/{name}/invocations", function);
    }

    private long preroutingS3Packets() throws IOException, InterruptedException {
        RuntimeNodeContainer node = environment.runtimeNode();
        String save = node.shell("iptables-save -c -t nat").getStdout();
        Matcher matcher = PREROUTING_S3.matcher(save);
        assertThat(matcher.find()).as("ESB-PREROUTING rule for :9000 in:%n%s", save).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
