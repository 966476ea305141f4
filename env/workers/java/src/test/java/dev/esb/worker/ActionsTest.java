package dev.esb.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ActionsTest {

    private final ObjectMapper json = new ObjectMapper();
    private final Actions actions = new Actions(new WorkerEnvironment(Map.of()), json);
    private final Invocation invocation = new Invocation("fn-a", "req-1");

    @Test
    void echoesTheEventWithTheFunctionName() throws Exception {
        JsonNode event = json.readTree("{\"action\":\"echo\",\"n\":7}");

        JsonNode result = actions.run(event, invocation);

        assertThat(result.path("function").asText()).as("function name").isEqualTo("fn-a");
        assertThat(result.path("runtime").asText()).as("runtime").isEqualTo("java");
        assertThat(result.path("event")).as("echoed event").isEqualTo(event);
    }

    @Test
    void namesTheUnknownActionAndTheKnownOnes() throws Exception {
        JsonNode event = json.readTree("{\"action\":\"explode\"}");

        assertThatThrownBy(() -> actions.run(event, invocation))
                .as("unknown action")
                .isInstanceOf(WorkerFailure.class)
                .hasMessageStartingWith("action: 'explode' (expected: one of echo, s3-put,");
    }

    @Test
    void refusesAnEventThatIsNotAnObject() throws Exception {
        assertThatThrownBy(() -> actions.run(json.readTree("[1,2]"), invocation))
                .as("array event")
                .hasMessage("event: '[1,2]' (expected: a JSON object with an \"action\" field)");
    }

    @Test
    void namesTheMissingFieldOfAnS3Put() throws Exception {
        JsonNode event = json.readTree("{\"action\":\"s3-put\",\"bucket\":\"b\"}");

        assertThatThrownBy(() -> actions.run(event, invocation))
                .as("s3-put without key")
                .hasMessage("key: '' (expected: a value in the event)");
    }

    @Test
    void failsWithTheMessageTheEventGives() throws Exception {
        JsonNode event = json.readTree("{\"action\":\"fail\",\"message\":\"boom\"}");

        assertThatThrownBy(() -> actions.run(event, invocation))
                .as("fail action")
                .isInstanceOf(WorkerFailure.class)
                .hasMessage("boom");
    }

    @Test
    void refusesAChainWithoutAnEndpointInTheEnvironment() throws Exception {
        JsonNode event = json.readTree("{\"action\":\"chain\",\"function\":\"fn-b\"}");

        assertThatThrownBy(() -> actions.run(event, invocation))
                .as("chain without GATEWAY_INTERNAL_URL")
                .hasMessage("GATEWAY_INTERNAL_URL: '' (expected: an http(s) URL set in the function's environment)");
    }

    @Test
    void refusesALogLineWithoutVictoriaLogsUrl() throws Exception {
        JsonNode event = json.readTree("{\"action\":\"log\"}");

        assertThatThrownBy(() -> actions.run(event, invocation))
                .as("log without VICTORIALOGS_URL")
                .hasMessageStartingWith("VICTORIALOGS_URL: ''");
    }
}
