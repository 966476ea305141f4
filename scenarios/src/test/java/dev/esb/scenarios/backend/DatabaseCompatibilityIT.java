package dev.esb.scenarios.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import dev.esb.env.topology.EsbEnvironment;
import dev.esb.scenarios.support.AwsClients;
import dev.esb.scenarios.support.SharedEnvironment;

/**
 * The DynamoDB-compatible server behind {@code database} must serve what the workers use, through the AWS SDK for
 * Java v2 from the host: tables, items, queries, conditional updates that fail as DynamoDB fails, transactions.
 */
@ExtendWith(SharedEnvironment.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseCompatibilityIT {

    private final String table = "compat-" + UUID.randomUUID().toString().substring(0, 8);
    private DynamoDbClient dynamo;

    @BeforeAll
    void createTable(EsbEnvironment environment) {
        dynamo = AwsClients.dynamoDb(environment.database().hostEndpoint());

        dynamo.createTable(request -> request.tableName(table)
                .attributeDefinitions(
                        definition -> definition.attributeName("pk").attributeType(ScalarAttributeType.S),
                        definition -> definition.attributeName("sk").attributeType(ScalarAttributeType.S))
                .keySchema(
                        key -> key.attributeName("pk").keyType(KeyType.HASH),
                        key -> key.attributeName("sk").keyType(KeyType.RANGE))
                .billingMode("PAY_PER_REQUEST"));
        dynamo.waiter().waitUntilTableExists(request -> request.tableName(table));
    }

    @AfterAll
    void closeClient() {
        dynamo.close();
    }

    @Test
    void createdTableIsListed() {
        assertThat(dynamo.listTables().tableNames()).as("ListTables after CreateTable").contains(table);
    }

    @Test
    void putThenGetReturnsTheItem() {
        dynamo.putItem(request -> request.tableName(table).item(item("fn#get", "v1", "payload", s("hello"))));

        Map<String, AttributeValue> read = dynamo.getItem(request -> request.tableName(table)
                .key(key("fn#get", "v1"))
                .consistentRead(true)).item();

        assertThat(read).as("GetItem of the item just put").containsEntry("payload", s("hello"));
    }

    @Test
    void queryReturnsTheItemsOfOnePartitionInSortKeyOrder() {
        for (String sortKey : List.of("2026-03", "2026-01", "2026-02", "2025-12")) {
            dynamo.putItem(request -> request.tableName(table).item(item("fn#query", sortKey, "n", s(sortKey))));
        }
        dynamo.putItem(request -> request.tableName(table).item(item("fn#other", "2026-01", "n", s("x"))));

        QueryResponse response = dynamo.query(request -> request.tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :year)")
                .expressionAttributeValues(Map.of(":pk", s("fn#query"), ":year", s("2026"))));

        assertThat(response.items()).as("items of partition fn#query in 2026")
                .extracting(found -> found.get("sk").s())
                .containsExactly("2026-01", "2026-02", "2026-03");
    }

    @Test
    void conditionalUpdateAppliesWhenTheConditionHolds() {
        dynamo.putItem(request -> request.tableName(table).item(item("fn#update", "v1", "version", n(1))));

        UpdateItemResponse updated = dynamo.updateItem(request -> request.tableName(table)
                .key(key("fn#update", "v1"))
                .updateExpression("SET version = version + :one, note = :note")
                .conditionExpression("attribute_exists(pk) AND version = :expected")
                .expressionAttributeValues(Map.of(":one", n(1), ":expected", n(1), ":note", s("bumped")))
                .returnValues(ReturnValue.ALL_NEW));

        assertThat(updated.attributes()).as("item after the conditional update")
                .containsEntry("version", n(2))
                .containsEntry("note", s("bumped"));
    }

    @Test
    void conditionalUpdateFailsAndLeavesTheItemWhenTheConditionDoesNotHold() {
        dynamo.putItem(request -> request.tableName(table).item(item("fn#stale", "v1", "version", n(5))));

        assertThatThrownBy(() -> dynamo.updateItem(request -> request.tableName(table)
                .key(key("fn#stale", "v1"))
                .updateExpression("SET version = :next")
                .conditionExpression("version = :expected")
                .expressionAttributeValues(Map.of(":next", n(4), ":expected", n(3)))))
                .as("UpdateItem whose condition is false")
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class, e -> assertThat(e.statusCode())
                        .as("HTTP status of ConditionalCheckFailedException")
                        .isEqualTo(400));

        Map<String, AttributeValue> read = dynamo.getItem(request -> request.tableName(table)
                .key(key("fn#stale", "v1"))
                .consistentRead(true)).item();
        assertThat(read).as("item after the failed update").containsEntry("version", n(5));
    }

    @Test
    void transactWriteItemsAppliesAllOrNothing() {
        dynamo.transactWriteItems(request -> request.transactItems(
                put(item("fn#tx", "a", "state", s("first"))),
                put(item("fn#tx", "b", "state", s("first")))));

        assertThatThrownBy(() -> dynamo.transactWriteItems(request -> request.transactItems(
                put(item("fn#tx", "c", "state", s("never"))),
                TransactWriteItem.builder()
                        .conditionCheck(check -> check.tableName(table)
                                .key(key("fn#tx", "a"))
                                .conditionExpression("#state = :expected")
                                .expressionAttributeNames(Map.of("#state", "state"))
                                .expressionAttributeValues(Map.of(":expected", s("second"))))
                        .build())))
                .as("TransactWriteItems with one failing condition")
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> assertThat(e.cancellationReasons())
                        .as("cancellation reasons, one per item")
                        .extracting(reason -> reason.code())
                        .containsExactly("None", "ConditionalCheckFailed"));

        QueryResponse items = dynamo.query(request -> request.tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s("fn#tx")))
                .consistentRead(true));
        assertThat(items.items()).as("items after one committed and one cancelled transaction")
                .extracting(found -> found.get("sk").s())
                .containsExactly("a", "b");
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(put -> put.tableName(table).item(item)).build();
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    private static Map<String, AttributeValue> item(String pk, String sk, String name, AttributeValue value) {
        return Map.of("pk", s(pk), "sk", s(sk), name, value);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
