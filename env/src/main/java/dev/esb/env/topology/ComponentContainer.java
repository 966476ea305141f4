package dev.esb.env.topology;

import java.time.Duration;

import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.images.PullPolicy;

import dev.esb.env.image.EsbImages;
import dev.esb.env.image.LocalImagesOnly;

/**
 * One container of the environment: its image from the manifest, never pulled, labelled for cleanup, on the shared
 * network under its component name, with its output in the test log as {@code [component] ...} and its last lines
 * kept for a failed boot's report.
 *
 * @param <SELF> the concrete type, for Testcontainers' fluent setters
 */
public abstract class ComponentContainer<SELF extends ComponentContainer<SELF>> extends GenericContainer<SELF> {

    private final String component;
    private final OutputTail tail = new OutputTail(60);
    private volatile boolean booting;
    private volatile String stateAtFailure;

    protected ComponentContainer(EsbImages images, String component) {
        super(images.image(component));
        this.component = component;

        boolean mayPull = images.isOverridden(component) && images.pullAllowed();
        withImagePullPolicy(mayPull ? PullPolicy.defaultPolicy() : new LocalImagesOnly());
        withLabels(Labels.forThisProcess(component));
        withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("dev.esb.container." + component))
                .withPrefix(component));
        withLogConsumer(tail);
        withStartupTimeout(Duration.ofSeconds(60));
    }

    /** Joins the environment's network under the component's name, as Docker DNS will answer it. */
    public SELF onNetwork(Network network) {
        return withNetwork(network).withNetworkAliases(component);
    }

    /**
     * Starts the container, or explains why it did not come up.
     *
     * @throws BootFailure naming the component, its state (exited with code N, OOMKilled, not ready in time) and its
     *     last lines of output
     */
    public void startOrExplain() {
        booting = true;
        try {
            start();
        } catch (RuntimeException e) {
            throw BootFailure.of(this, stateAtFailure, e);
        } finally {
            booting = false;
        }
    }

    /** Testcontainers removes a container that failed to boot: its state is read first, for the report. */
    @Override
    public void stop() {
        if (booting && getContainerId() != null) {
            stateAtFailure = BootFailure.describeState(getContainerId());
        }
        super.stop();
    }

    public String component() {
        return component;
    }

    OutputTail tail() {
        return tail;
    }
}
