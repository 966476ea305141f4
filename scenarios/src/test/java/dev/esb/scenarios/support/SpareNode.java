package dev.esb.scenarios.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.esb.env.backend.S3StorageContainer;
import dev.esb.env.image.EsbImages;
import dev.esb.env.node.GatewayContainer;
import dev.esb.env.node.LocalProxyContainer;
import dev.esb.env.node.RuntimeNodeContainer;
import dev.esb.env.topology.ComponentContainer;
import dev.esb.env.topology.EsbEnvironment;

/**
 * A runtime-node of a scenario's own, on the environment's network beside the shared {@code esb-runtime-node}, with
 * its own local-proxy and (optionally) gateway in its namespace. Scenarios that delete rules, stop sidecars or flip
 * sysctls do it here, so the shared node stays healthy for every other scenario.
 *
 * <p>Its containers carry the environment's labels, so a crashed run's leftovers are removed by the next one.
 */
public final class SpareNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SpareNode.class);

    private final RuntimeNodeContainer node;
    private final S3StorageContainer s3Backend;
    private LocalProxyContainer localProxy;
    private GatewayContainer gateway;
    private final List<ComponentContainer<?>> started = new ArrayList<>();

    private SpareNode(RuntimeNodeContainer node, S3StorageContainer s3Backend) {
        this.node = node;
        this.s3Backend = s3Backend;
    }

    /**
     * Boots a node named {@code name} started with {@code nodeVariables}, then its local-proxy (started with
     * {@code proxyVariables}) and, when asked, a gateway.
     */
    public static SpareNode start(EsbEnvironment environment, String name, Map<String, String> nodeVariables,
            Map<String, String> proxyVariables, boolean withGateway) {
        return start(environment, name, nodeVariables, proxyVariables, withGateway, null);
    }

    /**
     * As {@link #start(EsbEnvironment, String, Map, Map, boolean)}, with an S3 server of the node's own on the
     * environment's network under the DNS name {@code s3Alias} (booted first), so that scenarios can make a backend
     * vanish from Docker's DNS without touching the shared {@code s3-storage}.
     */
    public static SpareNode start(EsbEnvironment environment, String name, Map<String, String> nodeVariables,
            Map<String, String> proxyVariables, boolean withGateway, String s3Alias) {
        EsbImages images = EsbImages.load();
        S3StorageContainer s3Backend = s3Alias == null ? null : new S3StorageContainer(images)
                .withNetwork(environment.network())
                .withNetworkAliases(s3Alias)
                .withCreateContainerCmdModifier(command -> command.withName(name + "-" + s3Alias));
        RuntimeNodeContainer node = new RuntimeNodeContainer(images, name)
                .withNetwork(environment.network())
                .withEnv(nodeVariables);

        SpareNode spare = new SpareNode(node, s3Backend);
        try {
            if (s3Backend != null) {
                spare.startOne(s3Backend);
            }
            spare.startOne(node);

            // Sidecars name the node's container id, which exists only once the node runs.
            spare.localProxy = new LocalProxyContainer(images, node)
                    .withCreateContainerCmdModifier(command -> command.withName(name + "-local-proxy"))
                    .withEnv(proxyVariables);
            spare.startOne(spare.localProxy);
            if (withGateway) {
                spare.gateway = new GatewayContainer(images, node)
                        .withCreateContainerCmdModifier(command -> command.withName(name + "-gateway"));
                spare.startOne(spare.gateway);
            }
        } catch (RuntimeException e) {
            spare.close();
            throw e;
        }
        return spare;
    }

    private void startOne(ComponentContainer<?> container) {
        started.add(container);
        container.startOrExplain();
    }

    public RuntimeNodeContainer node() {
        return node;
    }

    public LocalProxyContainer localProxy() {
        return localProxy;
    }

    /** The gateway in this node's namespace; fails when the node was booted without one. */
    public GatewayContainer gateway() {
        if (gateway == null) {
            throw new IllegalStateException("Spare node " + node.name() + " was started without a gateway");
        }
        return gateway;
    }

    /** The node's own S3 server; fails when the node was booted without one. */
    public S3StorageContainer s3Backend() {
        if (s3Backend == null) {
            throw new IllegalStateException("Spare node " + node.name() + " was started without an S3 server");
        }
        return s3Backend;
    }

    /** Sidecars first, since they live in the node's namespace; safe to call more than once. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            ComponentContainer<?> container = started.get(i);
            try {
                container.stop();
            } catch (RuntimeException e) {
                log.warn("Failed to stop {} of spare node {}", container.component(), node.name(), e);
            }
        }
        started.clear();
    }
}
