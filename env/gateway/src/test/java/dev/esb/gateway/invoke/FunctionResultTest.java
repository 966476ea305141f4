package dev.esb.gateway.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class FunctionResultTest {
    private static FunctionResult classify(int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return FunctionResult.fromReply(new WorkerReply(status, bytes, bytes.length), "req-1", 3, "w:1");
    }

    private static String text(FunctionResult result) {
        return new String(result.body(), StandardCharsets.UTF_8);
    }

    @Test
    void treatsOrdinaryJsonAsSuccessEvenWithErrorLikeWords() {
        FunctionResult result = classify(200, "{\"errorMessage\":\"none\",\"orders\":[]}");

        assertThat(result.outcome()).as("outcome of data that merely has an errorMessage field")
                .isEqualTo(FunctionResult.Outcome.SUCCESS);
    }

    @Test
    void recognisesTheRuntimeClientsErrorObject() {
        FunctionResult result = classify(200,
                "{\"errorMessage\":\"boom\",\"errorType\":\"ValueError\",\"requestId\":\"\",\"stackTrace\":[]}");

        assertThat(result.outcome()).as("outcome").isEqualTo(FunctionResult.Outcome.FUNCTION_ERROR);
        assertThat(text(result)).as("body passes unchanged").contains("ValueError");
    }

    @Test
    void rewritesTheEmulatorsTimeoutTextIntoLambdasShape() {
        FunctionResult result = classify(200, "Task timed out after 3.00 seconds");

        assertThat(result.outcome()).as("outcome").isEqualTo(FunctionResult.Outcome.TIMEOUT);
        assertThat(text(result)).as("body").isEqualTo("{\"errorType\":\"Sandbox.Timedout\","
                + "\"errorMessage\":\"RequestId: req-1 Error: Task timed out after 3.00 seconds\"}");
    }

    @Test
    void keepsAStringResultThatMentionsATimeoutAsSuccess() {
        FunctionResult result = classify(200, "\"Task timed out yesterday\"");

        assertThat(result.outcome()).as("outcome of a JSON string result").isEqualTo(FunctionResult.Outcome.SUCCESS);
    }

    @Test
    void reportsADeadRuntimeAsAnExitError() {
        FunctionResult result = classify(502, "");

        assertThat(result.outcome()).as("outcome").isEqualTo(FunctionResult.Outcome.FUNCTION_ERROR);
        assertThat(text(result)).as("body").contains("Runtime.ExitError").contains("RequestId: req-1");
    }

    @Test
    void turnsABusyEmulatorIntoAServiceException() {
        LambdaError error = catchThrowableOfType(LambdaError.class, () -> classify(400, ""));

        assertThat(error.errorType()).as("error type").isEqualTo("ServiceException");
        assertThat(error.status()).as("status").isEqualTo(502);
        assertThat(error).as("message").hasMessageContaining("w:1 answered HTTP 400");
    }
}
