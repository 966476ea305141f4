package dev.esb.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import dev.esb.agent.AgentConfig;
import dev.esb.agent.cni.CniNetwork;
import dev.esb.agent.function.Deployer;
import dev.esb.agent.function.GatewayRegistry;
import dev.esb.agent.image.WorkerImages;
import dev.esb.agent.node.CommandResult;
import dev.esb.agent.task.Containerd;
import dev.esb.agent.task.CtrCommands;

class ControlApiTest {

    private static final String TASKS = "TASK    PID    STATUS\n";

    @TempDir
    Path root;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer server;
    private RecordingNode node;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void reportsEveryProblemOfADeployAndRunsNothing() throws Exception {
        start(command -> new CommandResult(0, TASKS, ""));

        HttpResponse<String> response = put("/esb/functions/fn", "{\"replicas\":0,\"colour\":1}");

        assertThat(response.statusCode()).as("status").isEqualTo(400);
        assertThat(json.readTree(response.body()).path("error").asText()).as("error")
                .contains("image: '' (expected: an image name")
                .contains("replicas: '0' (expected: an integer 1-16)")
                .contains("colour: '1' (expected: no such field");
        assertThat(node.commands()).as("commands run on the node").isEmpty();
    }

    @Test
    void namesTheImportedImagesWhenTheImageIsUnknown() throws Exception {
        start(command -> new CommandResult(0, TASKS, ""));

        HttpResponse<String> response = put("/esb/functions/fn", "{\"image\":\"worker-go\"}");

        assertThat(response.statusCode()).as("status").isEqualTo(400);
        assertThat(json.readTree(response.body()).path("error").asText()).as("error")
                .startsWith("image: 'worker-go' (expected: one of [worker-python]");
        assertThat(node.commands()).as("commands run on the node").isEmpty();
    }

    @Test
    void removesTheStartedTaskWhenItsNetworkCannotBeAttached() throws Exception {
        start(command -> {
            String line = String.join(" ", command);
            if (line.contains("tasks list")) {
                return new CommandResult(0, TASKS + "fn-1-x 4242 RUNNING\n".replace("fn-1-x", taskId()), "");
            }
            if (line.endsWith("/bridge")) {
                return new CommandResult(1, "{\"code\":11,\"msg\":\"no IP addresses available\"}", "");
            }
            if (line.contains("containers list")) {
                return new CommandResult(0, taskId() + "\n", "");
            }
            return new CommandResult(0, "", "");
        });

        HttpResponse<String> response = put("/esb/functions/fn", "{\"image\":\"worker-python\"}");

        assertThat(response.statusCode()).as("status").isEqualTo(500);
        assertThat(response.body()).as("error").contains("no IP addresses available");
        List<String> commands = node.commands();
        assertThat(commands).as("commands run on the node")
                .anyMatch(line -> line.contains(" run --detach "))
                .anyMatch(line -> line.contains("tasks delete --force fn-1-"))
                .anyMatch(line -> line.contains("containers delete fn-1-"));
        assertThat(get("/esb/functions/fn").statusCode()).as("function after the failed deploy").isEqualTo(404);
    }

    @Test
    void answersUnknownFunctionsAndEndpointsWith404() throws Exception {
        start(command -> new CommandResult(0, TASKS, ""));

        assertThat(get("/esb/functions/nope").statusCode()).as("GET unknown function").isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(uri("/esb/functions/nope")).DELETE()).statusCode())
                .as("DELETE unknown function").isEqualTo(404);
        assertThat(get("/esb/nothing").statusCode()).as("unknown endpoint").isEqualTo(404);
    }

    @Test
    void refusesALogRequestWithoutAWorkerAddress() throws Exception {
        start(command -> new CommandResult(0, TASKS, ""));

        HttpResponse<String> response = get("/esb/tasks/logs?since=5");

        assertThat(response.statusCode()).as("status").isEqualTo(400);
        assertThat(response.body()).as("error").contains("worker: '' (expected: a task address ip:port)");
    }

    @Test
    void reportsHealthWithTheImportedImages() throws Exception {
        start(command -> new CommandResult(0, TASKS, ""));

        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).as("status").isEqualTo(200);
        assertThat(json.readTree(response.body()).path("images").asInt()).as("images").isEqualTo(1);
    }

    private String taskId() {
        // The deploy picks a random suffix; the script answers for whatever id ctr run was given.
        return node.commands().stream()
                .filter(line -> line.contains(" run --detach "))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .findFirst()
                .orElse("none");
    }

    private void start(Function<List<String>, CommandResult> script) throws Exception {
        node = new RecordingNode(root, script);
        Path conflist = node.nodePath("/etc/cni/net.d/10-esb.conflist");
        Files.createDirectories(conflist.getParent());
        Files.writeString(conflist, "{\"cniVersion\":\"1.0.0\",\"name\":\"esb\",\"plugins\":[{\"type\":\"bridge\"}]}");

        AgentConfig config = AgentConfig.fromEnvironment(Map.of("AGENT_CA_BUNDLE", "")::get);
        WorkerImages images = new WorkerImages();
        images.add("esb/worker-python:1");
        Deployer deployer = new Deployer(config, node, new Containerd(node, new CtrCommands("esb")),
                new CniNetwork(node, json, config.conflist(), config.cniPath()), images,
                new GatewayRegistry(URI.create("http://127.0.0.1:9"), json), System::currentTimeMillis);

        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", new ControlApi(deployer, images, json));
        server.start();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> put(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
