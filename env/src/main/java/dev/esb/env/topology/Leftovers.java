package dev.esb.env.topology;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;

/**
 * Removes what the environment created: at the end of a run its own containers, volumes and network, and at the start
 * whatever a crashed run left behind (labelled with a process id that no longer lives).
 */
final class Leftovers {

    private static final Logger log = LoggerFactory.getLogger(Leftovers.class);

    private Leftovers() {
    }

    static void removeOrphans() {
        DockerClient docker = DockerClientFactory.lazyClient();
        docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(Labels.TESTBED, "true"))
                .exec()
                .stream()
                .filter(container -> isOrphan(container.getLabels()))
                .forEach(container -> {
                    log.info("Removing leftover container {} of a dead run", List.of(container.getNames()));
                    removeContainer(docker, container.getId());
                });

        docker.listVolumesCmd()
                .withFilter("label", List.of(Labels.TESTBED + "=true"))
                .exec()
                .getVolumes()
                .stream()
                .filter(volume -> isOrphan(volume.getLabels()))
                .forEach(volume -> {
                    log.info("Removing leftover volume {} of a dead run", volume.getName());
                    removeVolume(docker, volume.getName());
                });

        docker.listNetworksCmd()
                .withFilter("label", List.of(Labels.TESTBED + "=true"))
                .exec()
                .stream()
                .filter(network -> isOrphan(network.getLabels()))
                .forEach(network -> {
                    log.info("Removing leftover network {} of a dead run", network.getName());
                    removeNetwork(docker, network.getId());
                });
    }

    static void removeContainer(DockerClient docker, String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            log.debug("Container {} was already gone", id);
        }
    }

    static void removeVolume(DockerClient docker, String name) {
        try {
            docker.removeVolumeCmd(name).exec();
        } catch (NotFoundException e) {
            log.debug("Volume {} was already gone", name);
        }
    }

    static void removeNetwork(DockerClient docker, String id) {
        try {
            docker.removeNetworkCmd(id).exec();
        } catch (NotFoundException e) {
            log.debug("Network {} was already gone", id);
        }
    }

    private static boolean isOrphan(Map<String, String> labels) {
        String owner = labels == null ? null : labels.get(Labels.OWNER_PID);
        if (owner == null) {
            return true;
        }
        try {
            return ProcessHandle.of(Long.parseLong(owner)).map(process -> !process.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
