package dev.esb.env.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EsbImagesTest {

    @TempDir
    Path dir;

    private final Map<String, String> environment = new HashMap<>();

    @Test
    void readsTheTagTheBootstrapRecorded() throws IOException {
        EsbImages images = EsbImages.load(manifest("s3-storage=esb/s3-storage:0123456789abcdef"), environment::get);

        assertThat(images.image("s3-storage").asCanonicalNameString())
                .as("image of s3-storage")
                .isEqualTo("esb/s3-storage:0123456789abcdef");
        assertThat(images.isOverridden("s3-storage")).as("overridden without a variable").isFalse();
    }

    @Test
    void anEnvironmentVariableOverridesAComponentByName() throws IOException {
        environment.put("ESB_IMAGE_S3_STORAGE", "quay.example/seaweedfs:4.0");
        EsbImages images = EsbImages.load(manifest("s3-storage=esb/s3-storage:0123456789abcdef"), environment::get);

        assertThat(images.image("s3-storage").asCanonicalNameString())
                .as("image of s3-storage with ESB_IMAGE_S3_STORAGE set")
                .isEqualTo("quay.example/seaweedfs:4.0");
        assertThat(images.isOverridden("s3-storage")).as("overridden").isTrue();
        assertThat(images.pullAllowed()).as("pull allowed without ESB_ALLOW_PULL").isFalse();
    }

    @Test
    void pullIsAllowedOnlyWhenAskedFor() throws IOException {
        environment.put("ESB_ALLOW_PULL", "true");

        assertThat(EsbImages.load(manifest(""), environment::get).pullAllowed())
                .as("pull allowed with ESB_ALLOW_PULL=true")
                .isTrue();
    }

    @Test
    void aMissingManifestNamesItselfAndTheBootstrap() {
        Path missing = dir.resolve("nowhere/images.properties");

        assertThatThrownBy(() -> EsbImages.load(missing, environment::get))
                .as("loading a manifest that does not exist")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("./env/bootstrap");
    }

    @Test
    void anUnknownComponentListsTheKnownOnes() throws IOException {
        EsbImages images = EsbImages.load(manifest("database=esb/database:1"), environment::get);

        assertThatThrownBy(() -> images.image("victorialogs"))
                .as("image of a component the manifest lacks")
                .hasMessageContaining("'victorialogs'")
                .hasMessageContaining("database");
    }

    private Path manifest(String content) throws IOException {
        Path manifest = dir.resolve("images.properties");
        Files.writeString(manifest, content + "\n");
        return manifest;
    }
}
