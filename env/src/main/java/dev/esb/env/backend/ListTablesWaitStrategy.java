package dev.esb.env.backend;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.esb.env.topology.ProbeWaitStrategy;

/**
 * Ready when the server answers a DynamoDB ListTables call: an open port or a health page would not prove that the
 * DynamoDB protocol is being served.
 */
final class ListTablesWaitStrategy extends ProbeWaitStrategy {

    private final int port;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ListTablesWaitStrategy(int port) {
        this.port = port;
    }

    @Override
    protected String expectation() {
        return endpoint() + " to answer DynamoDB ListTables with 200";
    }

    @Override
    protected String probe() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(endpoint())
                .timeout(Duration.ofSeconds(2))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                // moto serves every AWS service on one port and routes by the credential scope of this header.
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + DatabaseContainer.ACCESS_KEY
                        + "/20260101/" + DatabaseContainer.REGION + "/dynamodb/aws4_request,"
                        + " SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        boolean ready = response.statusCode() == 200 && response.body().contains("TableNames");
        return ready ? null : response.statusCode() + " " + abbreviate(response.body());
    }

    private URI endpoint() {
        return URI.create("http://localhost:" + waitStrategyTarget.getMappedPort(port) + "/");
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }
}
