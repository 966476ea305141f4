package dev.esb.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

import dev.esb.gateway.ConfigException;
import dev.esb.gateway.Gateway;
import dev.esb.gateway.GatewayConfig;

/**
 * A gateway in the test JVM on loopback ephemeral ports, with clients that trust its CA. Log shipping and log
 * tails point at loopback fakes or nowhere, never at the bridge address.
 */
public final class TestGateway implements AutoCloseable {
    private final Gateway gateway;
    private final TrustManager[] trust;
    private final HttpClient https;
    private final HttpClient control = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private TestGateway(Gateway gateway) {
        this.gateway = gateway;
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("esb-gateway-ca", gateway.certificates().ca());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            trust = factory.getTrustManagers();
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, trust, new SecureRandom());
            https = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(ssl).build();
        } catch (Exception e) {
            throw new IllegalStateException("Failed to trust the gateway CA", e);
        }
    }

    /**
     * Starts a gateway.
     *
     * @param certDir where its certificates go
     * @param settings extra environment variables, overriding the loopback defaults
     */
    public static TestGateway start(Path certDir, Map<String, String> settings) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("GATEWAY_PORT", "0");
        env.put("GATEWAY_BIND_ADDR", "127.0.0.1");
        env.put("GATEWAY_CONTROL_ADDR", "127.0.0.1:0");
        env.put("GATEWAY_CERT_DIR", certDir.toString());
        env.put("VICTORIALOGS_URL", "");
        env.put("AGENT_URL", "");
        env.putAll(settings);
        try {
            return new TestGateway(Gateway.start(GatewayConfig.fromEnvironment(env)));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The gateway itself. */
    public Gateway gateway() {
        return gateway;
    }

    /** {@code https://localhost:port}. */
    public URI endpoint() {
        return URI.create("https://localhost:" + gateway.httpsPort());
    }

    /** An SDK v2 Lambda client pointed at the gateway, trusting its CA, without retries. */
    public LambdaClient lambdaClient() {
        return LambdaClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.builder()
                        .tlsTrustManagersProvider(() -> trust)
                        .maxConnections(32)
                        .socketTimeout(Duration.ofSeconds(30))
                        .build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** Trust managers that trust the gateway's CA only. */
    public TrustManager[] trustManagers() {
        return trust.clone();
    }

    /** A plain HTTPS client that trusts the gateway's CA. */
    public HttpClient httpsClient() {
        return https;
    }

    /** Registers a function through the control API, as the agent does. */
    public void register(String name, int timeoutSeconds, List<String> workers) {
        String body = "{\"workers\":[" + workers.stream().map(w -> "\"" + w + "\"").collect(Collectors.joining(","))
                + "],\"timeoutSeconds\":" + timeoutSeconds + "}";
        HttpResponse<String> response = control("PUT", "/esb/functions/" + name, body);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("Failed to register " + name + ": " + response.body());
        }
    }

    /** Calls the control API. */
    public HttpResponse<String> control(String method, String path, String body) {
        URI uri = URI.create("http://127.0.0.1:" + gateway.controlAddress().getPort() + path);
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        try {
            return control.send(HttpRequest.newBuilder(uri).method(method, publisher).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of one sample in {@code GET /esb/metrics}, or -1 when absent. */
    public long metric(String sample) {
        for (String line : control("GET", "/esb/metrics", null).body().split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Long.parseLong(line.substring(sample.length() + 1).trim());
            }
        }
        return -1;
    }

    @Override
    public void close() {
        gateway.close();
    }
}
