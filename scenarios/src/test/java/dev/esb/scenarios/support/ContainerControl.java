package dev.esb.scenarios.support;

import java.time.Duration;
import java.time.Instant;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;

/**
 * What an operator does with {@code docker stop}, {@code docker start} and {@code docker network disconnect}, done
 * through the engine's API on containers the scenario already runs, so that faults are real Docker events.
 */
public final class ContainerControl {

    /** Docker's default {@code docker stop} timeout: SIGTERM, then SIGKILL after this long. */
    public static final Duration DOCKER_STOP_TIMEOUT = Duration.ofSeconds(10);

    private ContainerControl() {
    }

    /** How a {@code docker stop} went: how long it took and the exit code the container ended with. */
    public record StopOutcome(Duration took, long exitCode, boolean oomKilled) {
    }

    /** {@code docker stop} with Docker's default timeout; returns when the container has exited. */
    public static StopOutcome stop(GenericContainer<?> container) {
        Instant started = Instant.now();
        client().stopContainerCmd(container.getContainerId())
                .withTimeout((int) DOCKER_STOP_TIMEOUT.toSeconds())
                .exec();
        Duration took = Duration.between(started, Instant.now());

        InspectContainerResponse.ContainerState state = inspect(container).getState();
        return new StopOutcome(took, state.getExitCodeLong(), Boolean.TRUE.equals(state.getOOMKilled()));
    }

    /** {@code docker start} of a stopped container, keeping its configuration (network mode included). */
    public static void start(GenericContainer<?> container) {
        client().startContainerCmd(container.getContainerId()).exec();
    }

    /** When the container's current process was started, to prove it was not restarted. */
    public static String startedAt(GenericContainer<?> container) {
        return inspect(container).getState().getStartedAt();
    }

    /** {@code docker network disconnect}: the container's names vanish from Docker's DNS on that network. */
    public static void disconnect(Network network, GenericContainer<?> container) {
        client().disconnectFromNetworkCmd()
                .withNetworkId(network.getId())
                .withContainerId(container.getContainerId())
                .exec();
    }

    /** {@code docker network connect --alias}: the container answers to {@code alias} again. */
    public static void connect(Network network, GenericContainer<?> container, String alias) {
        client().connectToNetworkCmd()
                .withNetworkId(network.getId())
                .withContainerId(container.getContainerId())
                .withContainerNetwork(new ContainerNetwork().withAliases(alias))
                .exec();
    }

    private static InspectContainerResponse inspect(GenericContainer<?> container) {
        return client().inspectContainerCmd(container.getContainerId()).exec();
    }

    private static DockerClient client() {
        return DockerClientFactory.instance().client();
    }
}
