package dev.esb.agent.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class FunctionRequestTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void appliesDefaultsWhenOnlyTheImageIsGiven() throws Exception {
        FunctionRequest request = FunctionRequest.parse("hello", body("{\"image\":\"worker-python\"}"));

        assertThat(request.replicas()).as("replicas").isEqualTo(1);
        assertThat(request.timeoutSeconds()).as("timeout").isEqualTo(3);
        assertThat(request.handler()).as("handler").isEmpty();
        assertThat(request.env()).as("env").isEmpty();
    }

    @Test
    void keepsEveryGivenField() throws Exception {
        FunctionRequest request = FunctionRequest.parse("fn_1", body("{\"image\":\"worker-java\",\"handler\":"
                + "\"a.B::c\",\"env\":{\"MODE\":\"x\"},\"replicas\":3,\"timeoutSeconds\":900}"));

        assertThat(request).as("request").isEqualTo(new FunctionRequest("fn_1", "worker-java", "a.B::c",
                Map.of("MODE", "x"), 3, 900));
    }

    @Test
    void reportsEveryProblemAtOnce() throws Exception {
        JsonNode body = body("{\"replicas\":0,\"timeoutSeconds\":901,\"handler\":\"a b\",\"colour\":\"red\"}");

        assertThatThrownBy(() -> FunctionRequest.parse("fn", body))
                .as("invalid request")
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("colour: '\"red\"' (expected: no such field; known: env, handler, image,")
                .hasMessageContaining("image: '' (expected: an image name such as worker-python)")
                .hasMessageContaining("handler: 'a b' (expected: a handler without spaces")
                .hasMessageContaining("replicas: '0' (expected: an integer 1-16)")
                .hasMessageContaining("timeoutSeconds: '901' (expected: an integer 1-900)");
    }

    @Test
    void refusesEnvironmentTheAgentOwns() throws Exception {
        JsonNode body = body("{\"image\":\"w\",\"env\":{\"_HANDLER\":\"x\",\"AWS_LAMBDA_FUNCTION_NAME\":\"y\"}}");

        assertThatThrownBy(() -> FunctionRequest.parse("fn", body))
                .as("reserved variables")
                .hasMessageContaining("env._HANDLER: 'x' (expected: not set; the agent sets it from the request)")
                .hasMessageContaining("env.AWS_LAMBDA_FUNCTION_NAME: 'y'");
    }

    @Test
    void refusesBadVariableNamesAndValues() throws Exception {
        JsonNode body = body("{\"image\":\"w\",\"env\":{\"1X\":\"a\",\"N\":5}}");

        assertThatThrownBy(() -> FunctionRequest.parse("fn", body))
                .as("bad env")
                .hasMessageContaining("env.1X: '\"a\"' (expected: a variable name of A-Za-z0-9_)")
                .hasMessageContaining("env.N: '5' (expected: a string)");
    }

    @Test
    void refusesANameOutsideLambdasPattern() {
        assertThatThrownBy(() -> FunctionRequest.parse("has space", json.createObjectNode().put("image", "w")))
                .as("bad name")
                .hasMessage("name: 'has space' (expected: 1-64 of A-Za-z0-9, '-' and '_')");
    }

    @Test
    void refusesABodyThatIsNotAnObject() throws Exception {
        assertThatThrownBy(() -> FunctionRequest.parse("fn", body("[1]")))
                .as("array body")
                .hasMessage("body: '[1]' (expected: a JSON object with at least \"image\")");
    }

    private JsonNode body(String text) throws Exception {
        return json.readTree(text);
    }
}
