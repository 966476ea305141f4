package dev.esb.scenarios.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

import dev.esb.env.topology.EsbEnvironment;
import dev.esb.scenarios.support.AwsClients;
import dev.esb.scenarios.support.Bytes;
import dev.esb.scenarios.support.SharedEnvironment;

/**
 * The S3 server chosen for {@code s3-storage} must serve the AWS SDK for Java v2 at its default settings (flexible
 * checksums on), from the host through the mapped port. The same checks with boto3 live in
 * {@link S3Boto3CompatibilityIT}.
 */
@ExtendWith(SharedEnvironment.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3CompatibilityIT {

    private static final int MIB = 1024 * 1024;

    private final String bucket = "compat-sdk-" + UUID.randomUUID().toString().substring(0, 8);
    private S3Client s3;
    private S3Presigner presigner;

    @BeforeAll
    void createBucket(EsbEnvironment environment) {
        s3 = AwsClients.s3(environment.s3Storage().hostEndpoint());
        presigner = AwsClients.s3Presigner(environment.s3Storage().hostEndpoint());
        s3.createBucket(request -> request.bucket(bucket));
    }

    @AfterAll
    void closeClients() {
        s3.close();
        presigner.close();
    }

    @Test
    void putThenGetReturnsTheSameBytesWithTheirChecksum() {
        byte[] payload = Bytes.random(3 * MIB + 17, 1);

        PutObjectResponse put = s3.putObject(request -> request.bucket(bucket).key("put/get.bin"),
                RequestBody.fromBytes(payload));
        byte[] read = s3.getObjectAsBytes(request -> request.bucket(bucket).key("put/get.bin")).asByteArray();

        assertThat(Bytes.sha256(read)).as("SHA-256 of the object read back").isEqualTo(Bytes.sha256(payload));
        assertThat(put.checksumCRC32())
                .as("CRC32 the server computed for the SDK's default checksummed upload")
                .isNotBlank();
    }

    @Test
    void putWithAWrongChecksumIsRejectedAndStoresNothing() {
        byte[] payload = Bytes.random(64 * 1024, 2);

        assertThatThrownBy(() -> s3.putObject(request -> request.bucket(bucket)
                        .key("wrong-checksum.bin")
                        .checksumCRC32("AAAAAA=="),
                RequestBody.fromBytes(payload)))
                .as("a PutObject whose x-amz-checksum-crc32 does not match its body")
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode())
                        .as("HTTP status of the rejection")
                        .isEqualTo(400));
        assertThatThrownBy(() -> s3.headObject(request -> request.bucket(bucket).key("wrong-checksum.bin")))
                .as("HeadObject of the rejected upload")
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void multipartUploadAssemblesThePartsInOrder() {
        List<byte[]> parts = List.of(Bytes.random(5 * MIB, 3), Bytes.random(5 * MIB, 4), Bytes.random(MIB + 3, 5));
        String key = "multipart/object.bin";

        String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key(key)).uploadId();
        List<CompletedPart> completed = new ArrayList<>();
        for (int number = 1; number <= parts.size(); number++) {
            int partNumber = number;
            String etag = s3.uploadPart(request -> request.bucket(bucket)
                            .key(key)
                            .uploadId(uploadId)
                            .partNumber(partNumber),
                    RequestBody.fromBytes(parts.get(partNumber - 1))).eTag();
            completed.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
        }
        s3.completeMultipartUpload(request -> request.bucket(bucket)
                .key(key)
                .uploadId(uploadId)
                .multipartUpload(CompletedMultipartUpload.builder().parts(completed).build()));

        byte[] whole = concat(parts);
        byte[] read = s3.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray();
        assertThat(read.length).as("size of the assembled object").isEqualTo(whole.length);
        assertThat(Bytes.sha256(read)).as("SHA-256 of the assembled object").isEqualTo(Bytes.sha256(whole));
    }

    @Test
    void listObjectsV2PagesThroughAPrefix() {
        for (String key : List.of("list/a", "list/b", "list/c", "other/d")) {
            s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromString(key));
        }

        ListObjectsV2Response first = s3.listObjectsV2(request -> request.bucket(bucket).prefix("list/").maxKeys(2));
        ListObjectsV2Response second = s3.listObjectsV2(request -> request.bucket(bucket)
                .prefix("list/")
                .continuationToken(first.nextContinuationToken()));

        assertThat(first.isTruncated()).as("first page of 2 out of 3 keys is truncated").isTrue();
        List<String> keys = new ArrayList<>();
        first.contents().stream().map(S3Object::key).forEach(keys::add);
        second.contents().stream().map(S3Object::key).forEach(keys::add);
        assertThat(keys).as("keys under list/ across both pages").containsExactly("list/a", "list/b", "list/c");
    }

    @Test
    void headReturnsSizeAndUserMetadata() {
        byte[] payload = Bytes.random(12345, 6);
        s3.putObject(request -> request.bucket(bucket)
                        .key("head.bin")
                        .contentType("application/octet-stream")
                        .metadata(Map.of("flow", "s3-compat")),
                RequestBody.fromBytes(payload));

        HeadObjectResponse head = s3.headObject(request -> request.bucket(bucket).key("head.bin"));

        assertThat(head.contentLength()).as("Content-Length of HeadObject").isEqualTo(payload.length);
        assertThat(head.metadata()).as("user metadata of HeadObject").containsEntry("flow", "s3-compat");
    }

    @Test
    void presignedGetServesTheObjectWithoutCredentials() throws Exception {
        byte[] payload = Bytes.random(100_000, 7);
        s3.putObject(request -> request.bucket(bucket).key("presigned.bin"), RequestBody.fromBytes(payload));

        PresignedGetObjectRequest presigned = presigner.presignGetObject(request -> request
                .signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(get -> get.bucket(bucket).key("presigned.bin")));
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(presigned.url().toURI()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(presigned.url().getHost()).as("presigned URL host (mapped port on this machine)")
                .isEqualTo("localhost");
        assertThat(response.statusCode()).as("status of the presigned GET").isEqualTo(200);
        assertThat(Bytes.sha256(response.body())).as("SHA-256 of the presigned GET body")
                .isEqualTo(Bytes.sha256(payload));
    }

    @Test
    void deleteRemovesTheObject() {
        s3.putObject(request -> request.bucket(bucket).key("delete.bin"), RequestBody.fromString("soon gone"));

        s3.deleteObject(request -> request.bucket(bucket).key("delete.bin"));

        assertThatThrownBy(() -> s3.getObjectAsBytes(request -> request.bucket(bucket).key("delete.bin")))
                .as("GetObject after DeleteObject")
                .isInstanceOf(NoSuchKeyException.class);
    }

    private static byte[] concat(List<byte[]> parts) {
        int size = parts.stream().mapToInt(part -> part.length).sum();
        byte[] whole = new byte[size];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, whole, offset, part.length);
            offset += part.length;
        }
        return whole;
    }
}
