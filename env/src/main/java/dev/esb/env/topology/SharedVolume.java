package dev.esb.env.topology;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

import com.github.dockerjava.api.exception.NotFoundException;

/**
 * A labelled Docker volume that two components mount, such as the gateway's certificates, which the agent hands to
 * the workers. A named volume lets both start at once; {@code --volumes-from} would make one wait for the other.
 */
public final class SharedVolume implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SharedVolume.class);

    private final String name;

    private SharedVolume(String name) {
        this.name = name;
    }

    /** Creates a volume named after its purpose and this run. */
    public static SharedVolume create(String purpose) {
        String name = "esb-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
        DockerClientFactory.lazyClient().createVolumeCmd()
                .withName(name)
                .withLabels(Labels.forThisProcess())
                .exec();
        return new SharedVolume(name);
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        try {
            DockerClientFactory.lazyClient().removeVolumeCmd(name).exec();
        } catch (NotFoundException e) {
            log.debug("Volume {} was already gone", name);
        } catch (RuntimeException e) {
            log.warn("Failed to remove volume {}", name, e);
        }
    }
}
