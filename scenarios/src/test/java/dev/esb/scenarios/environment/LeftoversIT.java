package dev.esb.scenarios.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;

import dev.esb.env.image.EsbImages;
import dev.esb.env.topology.EsbEnvironment;
import dev.esb.env.topology.Labels;

/** Ryuk cannot run here: what a crashed run left behind goes at the next start, and a live run keeps its own. */
class LeftoversIT {

    private final DockerClient docker = DockerClientFactory.lazyClient();
    private final List<String> created = new ArrayList<>();

    @AfterEach
    void removeWhatThisTestCreated() {
        for (String id : created) {
            try {
                docker.removeContainerCmd(id).withForce(true).exec();
            } catch (NotFoundException e) {
                // Already removed by the code under test.
            }
        }
    }

    @Test
    void removesContainersOfDeadRunsAndKeepsThoseOfLiveOnes() {
        String orphan = createLabelled(Long.toString(deadPid()));
        String live = createLabelled(Long.toString(ProcessHandle.current().pid()));

        EsbEnvironment.removeLeftovers();

        assertThat(exists(orphan)).as("container labelled with a dead process id").isFalse();
        assertThat(exists(live)).as("container labelled with this live process id").isTrue();
    }

    private String createLabelled(String ownerPid) {
        String image = EsbImages.load().image("toolbox").asCanonicalNameString();
        String id = docker.createContainerCmd(image)
                .withLabels(Map.of(Labels.TESTBED, "true", Labels.OWNER_PID, ownerPid, Labels.COMPONENT, "leftover"))
                .exec()
                .getId();
        created.add(id);
        return id;
    }

    private boolean exists(String id) {
        try {
            docker.inspectContainerCmd(id).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    // A process that has exited: its id is free until the kernel reuses it, which takes far longer than this test.
    private static long deadPid() {
        try {
            Process process = new ProcessBuilder("true").start();
            process.waitFor();
            return process.pid();
        } catch (Exception e) {
            throw new IllegalStateException("Failed to start a short-lived process", e);
        }
    }
}
