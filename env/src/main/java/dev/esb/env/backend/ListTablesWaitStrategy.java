package dev.esb.env.backend;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.rnorth.ducttape.ratelimits.RateLimiterBuilder;

import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Ready when the server answers a DynamoDB ListTables call: an open port or a health page would not prove that the
 * DynamoDB protocol is being served.
 */
final class ListTablesWaitStrategy extends AbstractWaitStrategy {

    private final int port;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ListTablesWaitStrategy(int port) {
        this.port = port;
        withRateLimiter(RateLimiterBuilder.newBuilder()
                .withRate(4, TimeUnit.SECONDS)
                .withConstantThroughput()
                .build());
    }

    @Override
    protected void waitUntilReady() {
        URI endpoint = URI.create("http://localhost:" + waitStrategyTarget.getMappedPort(port) + "/");
        Instant deadline = Instant.now().plus(startupTimeout);
        AtomicReference<String> lastAnswer = new AtomicReference<>("no answer yet");

        while (Instant.now().isBefore(deadline)) {
            if (!waitStrategyTarget.isRunning()) {
                throw new ContainerLaunchException("Container exited before answering ListTables");
            }
            // The rate limiter spaces the attempts, so the loop needs no sleep of its own.
            if (attempt(endpoint, lastAnswer)) {
                return;
            }
        }
        throw new ContainerLaunchException("Timed out after " + startupTimeout.toSeconds() + " s waiting for "
                + endpoint + " to answer DynamoDB ListTables with 200 (last answer: " + lastAnswer.get() + ")");
    }

    private boolean attempt(URI endpoint, AtomicReference<String> lastAnswer) {
        try {
            return getRateLimiter().getWhenReady(() -> answersListTables(endpoint, lastAnswer));
        } catch (ContainerLaunchException e) {
            throw e;
        } catch (Exception e) {
            lastAnswer.set(e.toString());
            return false;
        }
    }

    private boolean answersListTables(URI endpoint, AtomicReference<String> lastAnswer) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(2))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                // moto serves every AWS service on one port and routes by the credential scope of this header.
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + DatabaseContainer.ACCESS_KEY
                        + "/20260101/" + DatabaseContainer.REGION + "/dynamodb/aws4_request,"
                        + " SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            lastAnswer.set(response.statusCode() + " " + abbreviate(response.body()));
            return response.statusCode() == 200 && response.body().contains("TableNames");
        } catch (IOException e) {
            lastAnswer.set(e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerLaunchException("Interrupted while waiting for ListTables", e);
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }
}
