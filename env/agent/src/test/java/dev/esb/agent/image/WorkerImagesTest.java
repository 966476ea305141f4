package dev.esb.agent.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkerImagesTest {

    @Test
    void normalizesDockerTagsTheWayContainerdNamesThem() {
        assertThat(WorkerImages.normalize("esb/worker-python:abc")).as("user repository")
                .isEqualTo("docker.io/esb/worker-python:abc");
        assertThat(WorkerImages.normalize("busybox")).as("official image without tag")
                .isEqualTo("docker.io/library/busybox:latest");
        assertThat(WorkerImages.normalize("registry.local:5000/team/fn:1")).as("own registry")
                .isEqualTo("registry.local:5000/team/fn:1");
    }

    @Test
    void resolvesShortNamesTagsAndFullNames() {
        WorkerImages images = new WorkerImages();
        images.add("esb/worker-java:f00");

        assertThat(images.resolve("worker-java")).as("short name").hasValue("docker.io/esb/worker-java:f00");
        assertThat(images.resolve("esb/worker-java:f00")).as("docker tag").hasValue("docker.io/esb/worker-java:f00");
        assertThat(images.resolve("docker.io/esb/worker-java:f00")).as("full name").isPresent();
        assertThat(images.resolve("worker-go")).as("unknown image").isEmpty();
        assertThat(images.shortNames()).as("short names").containsOnlyKeys("worker-java");
    }
}
