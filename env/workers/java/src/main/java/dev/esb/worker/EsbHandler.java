package dev.esb.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The reference Java worker's handler, {@code dev.esb.worker.EsbHandler::handleRequest}: the event's
 * {@code action} field selects one of {@link Actions#NAMES}; the result is written as JSON.
 *
 * <p>It reads raw JSON rather than a typed request so that the worker sees exactly what the gateway forwarded.
 */
public final class EsbHandler implements RequestStreamHandler {

    // Decimals stay exact: DynamoDB numbers are decimal strings, a double would round them.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final Actions actions;

    /** The handler as the runtime interface client creates it: clients from the sandbox's environment. */
    public EsbHandler() {
        this(new Actions(WorkerEnvironment.fromSystem(), JSON));
    }

    EsbHandler(Actions actions) {
        this.actions = actions;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        if (event == null || event.isMissingNode()) {
            event = JSON.createObjectNode();
        }

        JsonNode result = actions.run(event, Invocation.of(context));
        JSON.writeValue(output, result);
    }
}
