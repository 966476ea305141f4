package dev.esb.worker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The SDK clients of one sandbox, built on first use and kept, as Lambda keeps a sandbox's process between
 * invocations. Region and credentials come from the SDK's default chains (the environment on an ESB node); the S3
 * and DynamoDB endpoints from {@code AWS_ENDPOINT_URL_S3} / {@code AWS_ENDPOINT_URL_DYNAMODB}, which the SDK reads
 * itself; the Lambda endpoint is set explicitly because it falls back to {@code GATEWAY_INTERNAL_URL}.
 */
final class AwsClients {

    private final WorkerEnvironment environment;
    private SdkHttpClient http;
    private S3Client s3;
    private DynamoDbClient dynamoDb;
    private LambdaClient lambda;

    AwsClients(WorkerEnvironment environment) {
        this.environment = environment;
    }

    synchronized S3Client s3() {
        if (s3 == null) {
            // Path-style: the S3 server is one host behind 10.88.0.1, virtual-host names would not resolve.
            s3 = S3Client.builder()
                    .httpClient(http())
                    .forcePathStyle(true)
                    .build();
        }
        return s3;
    }

    synchronized DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = DynamoDbClient.builder()
                    .httpClient(http())
                    .build();
        }
        return dynamoDb;
    }

    synchronized LambdaClient lambda() {
        if (lambda == null) {
            lambda = LambdaClient.builder()
                    .httpClient(http())
                    .endpointOverride(environment.lambdaEndpoint())
                    .overrideConfiguration(config -> config.apiCallTimeout(Duration.ofMinutes(15)))
                    .build();
        }
        return lambda;
    }

    private SdkHttpClient http() {
        if (http == null) {
            UrlConnectionHttpClient.Builder builder = UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofMinutes(15));
            environment.caBundle().ifPresent(bundle -> {
                TrustManager[] trustManagers = trustManagers(Path.of(bundle));
                builder.tlsTrustManagersProvider(() -> trustManagers);
            });
            http = builder.build();
        }
        return http;
    }

    /** Trust managers that accept exactly the certificates of a PEM bundle, as boto3 does with AWS_CA_BUNDLE. */
    static TrustManager[] trustManagers(Path bundle) {
        try (InputStream in = Files.newInputStream(bundle)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new WorkerFailure("AWS_CA_BUNDLE: '" + bundle + "' (expected: a PEM file with certificates)");
            }

            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }

            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new WorkerFailure("AWS_CA_BUNDLE: '" + bundle + "' (expected: a readable PEM file with certificates)",
                    e);
        }
    }
}
