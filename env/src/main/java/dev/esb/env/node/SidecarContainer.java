package dev.esb.env.node;

import java.time.Duration;

import dev.esb.env.image.EsbImages;
import dev.esb.env.topology.ComponentContainer;

/**
 * A component that lives in runtime-node's network namespace ({@code --network container:esb-runtime-node}):
 * its loopback and its {@code 10.88.0.1} are runtime-node's. Ready when a command run inside it succeeds, since
 * its ports are not reachable from the host.
 *
 * @param <SELF> the concrete type
 */
public abstract class SidecarContainer<SELF extends SidecarContainer<SELF>> extends ComponentContainer<SELF> {

    protected SidecarContainer(EsbImages images, String component, RuntimeNodeContainer node, String readiness) {
        super(images, component);
        withNetworkMode("container:" + node.getContainerId());
        withCreateContainerCmdModifier(command -> command.withName(sidecarName(component)));
        waitingFor(new ExecWaitStrategy(readiness).withStartupTimeout(Duration.ofSeconds(60)));
    }

    /** {@code esb-local-proxy} next to {@code esb-runtime-node}, as in the seed; prefixed by another node name. */
    static String sidecarName(String component) {
        String node = RuntimeNodeContainer.containerName();
        return node.equals(RuntimeNodeContainer.DEFAULT_NAME) ? "esb-" + component : node + "-" + component;
    }
}
