package dev.esb.gateway.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.esb.gateway.testing.TestGateway;

/** The agent's side: registering, listing and removing functions, with validation. */
class ControlApiTest {
    @TempDir
    static Path certDir;

    private static TestGateway gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = TestGateway.start(certDir, Map.of());
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @Test
    void createsReplacesListsAndRemovesAFunction() {
        HttpResponse<String> created = gateway.control("PUT", "/esb/functions/orders",
                "{\"workers\":[\"10.88.0.5:8080\"],\"timeoutSeconds\":7}");
        HttpResponse<String> replaced = gateway.control("PUT", "/esb/functions/orders",
                "{\"workers\":[\"10.88.0.5:8080\",\"10.88.0.6:8080\"]}");
        HttpResponse<String> listed = gateway.control("GET", "/esb/functions", null);
        HttpResponse<String> removed = gateway.control("DELETE", "/esb/functions/orders", null);
        HttpResponse<String> removedAgain = gateway.control("DELETE", "/esb/functions/orders", null);

        assertThat(created.statusCode()).as("status of a new function").isEqualTo(201);
        assertThat(created.body()).as("view of the new function").contains("\"timeoutSeconds\":7");
        assertThat(replaced.statusCode()).as("status of a replaced function").isEqualTo(200);
        assertThat(replaced.body()).as("replaced view takes the default timeout")
                .contains("\"workers\":[\"10.88.0.5:8080\",\"10.88.0.6:8080\"]").contains("\"timeoutSeconds\":3");
        assertThat(listed.body()).as("list").contains("\"name\":\"orders\"");
        assertThat(removed.statusCode()).as("status of a removal").isEqualTo(204);
        assertThat(removedAgain.statusCode()).as("status of removing an unknown function").isEqualTo(404);
    }

    @Test
    void rejectsInvalidDefinitionsNamingTheField() {
        Map<String, String> bodies = Map.of(
                "{\"workers\":[]}", "workers: '[]'",
                "{\"workers\":[\"10.88.0.5\"]}", "workers[0]: '10.88.0.5' (expected: host:port",
                "{\"workers\":[\"10.88.0.5:99999\"]}", "workers[0]: '10.88.0.5:99999'",
                "{\"workers\":[\"a:1\",\"a:1\"]}", "workers[1]: 'a:1' (expected: each worker once)",
                "{\"workers\":[\"a:1\"],\"timeoutSeconds\":0}", "timeoutSeconds: '0' (expected: 1-900)",
                "{\"workers\":[\"a:1\"],\"timeoutSeconds\":\"3\"}", "timeoutSeconds: '\\\"3\\\"'",
                "{\"workers\":[\"a:1\"],\"memory\":128}", "unknown field 'memory'",
                "not json", "body: not JSON");

        bodies.forEach((body, message) -> {
            HttpResponse<String> response = gateway.control("PUT", "/esb/functions/bad", body);
            assertThat(response.statusCode()).as("status for %s", body).isEqualTo(400);
            assertThat(response.body()).as("error for %s", body).contains(message);
        });
        assertThat(gateway.control("GET", "/esb/functions/bad", null).statusCode())
                .as("status of the never-registered function").isEqualTo(404);
    }

    @Test
    void rejectsAnInvalidFunctionName() {
        HttpResponse<String> response = gateway.control("PUT", "/esb/functions/has%20space",
                "{\"workers\":[\"a:1\"]}");

        assertThat(response.statusCode()).as("status").isEqualTo(400);
        assertThat(response.body()).as("error").contains("name: 'has space' (expected: 1-64 letters");
    }

    @Test
    void exposesPrometheusMetricsAndRejectsWrongMethods() {
        HttpResponse<String> metrics = gateway.control("GET", "/esb/metrics", null);
        HttpResponse<String> wrongMethod = gateway.control("POST", "/esb/functions", "{}");

        assertThat(metrics.statusCode()).as("metrics status").isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).as("metrics content type")
                .hasValueSatisfying(type -> assertThat(type).as("content type")
                        .startsWith("text/plain; version=0.0.4"));
        assertThat(metrics.body()).as("metrics body")
                .contains("# TYPE esb_gateway_logship_lines_dropped_total counter")
                .contains("esb_gateway_functions ");
        assertThat(wrongMethod.statusCode()).as("status of POST on the list").isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).as("Allow header").hasValue("GET");
    }
}
