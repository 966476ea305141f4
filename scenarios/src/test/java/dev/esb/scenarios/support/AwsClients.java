package dev.esb.scenarios.support;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;

import javax.net.ssl.TrustManagerFactory;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import dev.esb.env.backend.DatabaseContainer;
import dev.esb.env.backend.S3StorageContainer;

/** SDK v2 clients with their default settings (checksums included), pointed at the host's mapped ports. */
public final class AwsClients {

    private AwsClients() {
    }

    public static S3Client s3(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(S3StorageContainer.REGION))
                .credentialsProvider(s3Credentials())
                .forcePathStyle(true)
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    public static S3Presigner s3Presigner(URI endpoint) {
        return S3Presigner.builder()
                .endpointOverride(endpoint)
                .region(Region.of(S3StorageContainer.REGION))
                .credentialsProvider(s3Credentials())
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(true)
                        .build())
                .build();
    }

    public static DynamoDbClient dynamoDb(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(DatabaseContainer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(DatabaseContainer.ACCESS_KEY, DatabaseContainer.SECRET_KEY)))
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    /** A Lambda client for the gateway, trusting only the environment's CA. */
    public static LambdaClient lambda(URI endpoint, KeyStore trust) {
        TrustManagerFactory trustManagers;
        try {
            trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Failed to build a trust manager for the gateway's CA", e);
        }

        return LambdaClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(S3StorageContainer.REGION))
                .credentialsProvider(s3Credentials())
                .httpClient(ApacheHttpClient.builder()
                        .tlsTrustManagersProvider(trustManagers::getTrustManagers)
                        .build())
                .overrideConfiguration(override -> override.retryStrategy(RetryMode.STANDARD)
                        .apiCallTimeout(Duration.ofSeconds(60)))
                .build();
    }

    private static StaticCredentialsProvider s3Credentials() {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3StorageContainer.ACCESS_KEY, S3StorageContainer.SECRET_KEY));
    }
}
