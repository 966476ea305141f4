package dev.esb.scenarios.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.Container.ExecResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.esb.env.backend.S3StorageContainer;
import dev.esb.env.topology.EsbEnvironment;
import dev.esb.scenarios.support.SharedEnvironment;

/**
 * boto3 at its default settings (flexible checksums on, its default presigning) against {@code s3-storage}, run in
 * the toolbox container so that it reaches the server by its Docker DNS name. The script only reports what it saw;
 * this class judges it.
 */
@ExtendWith(SharedEnvironment.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3Boto3CompatibilityIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, JsonNode> checks = new HashMap<>();

    @BeforeAll
    void runTheBoto3Script(EsbEnvironment environment) throws IOException, InterruptedException {
        ExecResult result = environment.toolbox().python(script(),
                "AWS_ENDPOINT_URL_S3=" + S3StorageContainer.networkEndpoint(),
                "AWS_DEFAULT_REGION=" + S3StorageContainer.REGION,
                "AWS_ACCESS_KEY_ID=" + S3StorageContainer.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY=" + S3StorageContainer.SECRET_KEY);

        assertThat(result.getExitCode())
                .as("exit code of the boto3 script; its stderr:%n%s", result.getStderr())
                .isZero();
        for (String line : result.getStdout().strip().split("\n")) {
            JsonNode check = JSON.readTree(line);
            checks.put(check.get("check").asText(), check);
        }
    }

    @Test
    void usesACurrentBoto3() {
        assertThat(check("boto3").get("version").asText())
                .as("boto3 version (endpoint variables need 1.28 or later)")
                .matches("1\\.(2[89]|[3-9]\\d)\\..*");
    }

    @Test
    void putThenGetReturnsTheSameBytesWithTheirChecksum() {
        JsonNode check = check("put-get");

        assertThat(check.get("read").asText()).as("SHA-256 read back").isEqualTo(check.get("sent").asText());
        assertThat(check.get("checksum").asText()).as("CRC32 the server computed").isNotBlank();
    }

    @Test
    void putWithAWrongChecksumIsRejected() {
        JsonNode check = check("wrong-checksum");

        assertThat(check.get("rejected").asBoolean()).as("PutObject with a wrong x-amz-checksum-crc32 rejected")
                .isTrue();
        assertThat(check.get("status").asInt()).as("HTTP status of the rejection").isEqualTo(400);
    }

    @Test
    void multipartUploadAssemblesTheParts() {
        JsonNode check = check("multipart");

        assertThat(check.get("read").asText()).as("SHA-256 of the assembled object")
                .isEqualTo(check.get("sent").asText());
        assertThat(check.get("etag").asText()).as("ETag of a multipart object names its part count").endsWith("-3\"");
    }

    @Test
    void listObjectsV2PagesThroughAPrefix() {
        List<String> keys = JSON.convertValue(check("list-v2").get("keys"),
                JSON.getTypeFactory().constructCollectionType(List.class, String.class));

        assertThat(keys).as("keys under list/ across pages of 2").containsExactly("list/a", "list/b", "list/c");
    }

    @Test
    void headReturnsSizeAndUserMetadata() {
        JsonNode check = check("head");

        assertThat(check.get("length").asInt()).as("ContentLength").isEqualTo(12345);
        assertThat(check.get("metadata").get("flow").asText()).as("user metadata 'flow'").isEqualTo("s3-compat");
    }

    @Test
    void defaultPresignedGetServesTheObject() {
        JsonNode check = check("presigned-get");

        assertThat(check.get("status").asInt()).as("status of boto3's default presigned GET").isEqualTo(200);
        assertThat(check.get("read").asText()).as("SHA-256 of the presigned GET body")
                .isEqualTo(check.get("sent").asText());
    }

    @Test
    void deleteRemovesTheObject() {
        JsonNode check = check("delete");

        assertThat(check.get("gone").asBoolean()).as("HeadObject fails after DeleteObject").isTrue();
        assertThat(check.get("status").asInt()).as("HTTP status of HeadObject after delete").isEqualTo(404);
    }

    private JsonNode check(String name) {
        assertThat(checks).as("checks the boto3 script reported").containsKey(name);
        return checks.get(name);
    }

    private static String script() throws IOException {
        try (InputStream in = S3Boto3CompatibilityIT.class.getResourceAsStream("/boto3/s3_compat.py")) {
            assertThat(in).as("boto3/s3_compat.py on the test classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
