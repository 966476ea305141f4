package dev.esb.scenarios.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import dev.esb.env.image.EsbImages;
import dev.esb.env.image.LocalImagesOnly;

/** Nothing pulls: an image that was not built locally fails at once, naming itself and the remedy. */
class ImagePolicyIT {

    @Test
    void refusesToPullAnImageThatWasNotBuilt() {
        DockerImageName missing = DockerImageName.parse("esb/never-built:0000000000000000");

        try (GenericContainer<?> container = new GenericContainer<>(missing)
                .withImagePullPolicy(new LocalImagesOnly())) {
            assertThatThrownBy(container::start)
                    .as("starting a container whose image is not on this machine")
                    .hasRootCauseInstanceOf(LocalImagesOnly.ImageNotBuiltException.class)
                    .rootCause()
                    .hasMessageContaining("esb/never-built:0000000000000000")
                    .hasMessageContaining("./env/bootstrap");
        }
    }

    @Test
    void acceptsEveryImageTheBootstrapRecorded() {
        EsbImages images = EsbImages.load();
        LocalImagesOnly policy = new LocalImagesOnly();

        assertThat(images.recorded()).as("components in the image manifest")
                .containsKeys("base", "s3-storage", "database", "victorialogs", "toolbox");
        images.recorded().keySet().forEach(component -> assertThat(policy.shouldPull(images.image(component)))
                .as("pull needed for %s", component)
                .isFalse());
    }
}
