package dev.esb.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemConverterTest {

    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    @Test
    void mapsEachJsonTypeToItsAttributeType() throws Exception {
        JsonNode item = json.readTree("{\"id\":\"a\",\"n\":12.50,\"ok\":true,\"none\":null,\"l\":[1,\"x\"],"
                + "\"m\":{\"k\":\"v\"}}");

        Map<String, AttributeValue> wire = ItemConverter.toItem("item", item);

        assertThat(wire.get("id").s()).as("string").isEqualTo("a");
        assertThat(wire.get("n").n()).as("number kept exact").isEqualTo("12.50");
        assertThat(wire.get("ok").bool()).as("boolean").isTrue();
        assertThat(wire.get("none").nul()).as("null").isTrue();
        assertThat(wire.get("l").l()).as("list").extracting(AttributeValue::n).containsExactly("1", null);
        assertThat(wire.get("m").m().get("k").s()).as("map").isEqualTo("v");
    }

    @Test
    void roundTripsAnItem() throws Exception {
        JsonNode item = json.readTree("{\"id\":\"a\",\"count\":3,\"price\":1.5,\"tags\":[\"x\"],\"on\":false}");

        JsonNode back = ItemConverter.toJson(ItemConverter.toItem("item", item));

        assertThat(back).as("item after a round trip").isEqualTo(item);
    }

    @Test
    void refusesAnItemThatIsNotAnObject() throws Exception {
        assertThatThrownBy(() -> ItemConverter.toItem("key", json.readTree("\"id\"")))
                .as("string key")
                .hasMessage("key: '\"id\"' (expected: a JSON object)");
    }
}
