package dev.esb.worker;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Converts between plain JSON items, as events carry them, and DynamoDB's typed attribute values: strings to S,
 * numbers to N (kept exact), booleans to BOOL, null to NULL, arrays to L and objects to M.
 */
final class ItemConverter {

    private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);

    private ItemConverter() {
    }

    /** The attribute values of one JSON object; {@code field} names it in the error when it is not an object. */
    static Map<String, AttributeValue> toItem(String field, JsonNode object) {
        if (object == null || !object.isObject()) {
            throw new WorkerFailure(field + ": '" + object + "' (expected: a JSON object)");
        }

        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            item.put(entry.getKey(), toAttribute(entry.getValue()));
        }
        return item;
    }

    static AttributeValue toAttribute(JsonNode value) {
        if (value.isTextual()) {
            return AttributeValue.fromS(value.textValue());
        }
        if (value.isNumber()) {
            return AttributeValue.fromN(value.decimalValue().toPlainString());
        }
        if (value.isBoolean()) {
            return AttributeValue.fromBool(value.booleanValue());
        }
        if (value.isNull()) {
            return AttributeValue.fromNul(true);
        }
        if (value.isArray()) {
            List<AttributeValue> list = new ArrayList<>();
            value.forEach(element -> list.add(toAttribute(element)));
            return AttributeValue.fromL(list);
        }
        return AttributeValue.fromM(toItem("item", value));
    }

    /** The JSON object of one item, the inverse of {@link #toItem} for the types it writes. */
    static ObjectNode toJson(Map<String, AttributeValue> item) {
        ObjectNode object = JSON.objectNode();
        item.forEach((name, value) -> object.set(name, toJson(value)));
        return object;
    }

    /** The smallest JSON number node that holds the value: what Jackson itself would have parsed. */
    private static JsonNode number(BigDecimal number) {
        if (number.scale() > 0) {
            return JSON.numberNode(number);
        }
        try {
            return JSON.numberNode(number.intValueExact());
        } catch (ArithmeticException notAnInt) {
            try {
                return JSON.numberNode(number.longValueExact());
            } catch (ArithmeticException notALong) {
                return JSON.numberNode(number.toBigIntegerExact());
            }
        }
    }

    static JsonNode toJson(AttributeValue value) {
        if (value.s() != null) {
            return JSON.textNode(value.s());
        }
        if (value.n() != null) {
            return number(new BigDecimal(value.n()));
        }
        if (value.bool() != null) {
            return JSON.booleanNode(value.bool());
        }
        if (value.b() != null) {
            return JSON.textNode(value.b().asUtf8String());
        }
        if (value.hasL()) {
            ArrayNode array = JSON.arrayNode();
            value.l().forEach(element -> array.add(toJson(element)));
            return array;
        }
        if (value.hasM()) {
            return toJson(value.m());
        }
        if (value.hasSs()) {
            ArrayNode array = JSON.arrayNode();
            value.ss().forEach(array::add);
            return array;
        }
        if (value.hasNs()) {
            ArrayNode array = JSON.arrayNode();
            value.ns().forEach(n -> array.add(number(new BigDecimal(n))));
            return array;
        }
        if (value.hasBs()) {
            ArrayNode array = JSON.arrayNode();
            value.bs().stream().map(SdkBytes::asUtf8String).forEach(array::add);
            return array;
        }
        return JSON.nullNode();
    }
}
