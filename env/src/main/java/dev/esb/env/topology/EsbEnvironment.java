package dev.esb.env.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Network;

import com.github.dockerjava.api.exception.NotFoundException;

import dev.esb.env.backend.DatabaseContainer;
import dev.esb.env.backend.S3StorageContainer;
import dev.esb.env.backend.ToolboxContainer;
import dev.esb.env.backend.VictoriaLogsContainer;
import dev.esb.env.image.EsbImages;
import dev.esb.env.node.AgentContainer;
import dev.esb.env.node.GatewayContainer;
import dev.esb.env.node.LocalProxyContainer;
import dev.esb.env.node.RuntimeNodeContainer;

/**
 * The reference environment: one user-defined Docker network (so that Docker's DNS answers the component names) and
 * the containers on it. One instance per JVM is shared by every scenario class; {@link #shared()} boots it on first
 * use and a shutdown hook removes it.
 *
 * <pre>
 *   host ──localhost:mapped──▶ esb-runtime-node :443 ─┬─ esb-gateway      (same netns)
 *                                                     ├─ esb-agent        (same netns and PID ns)
 *                                                     └─ esb-local-proxy  (same netns) ──Docker DNS──┐
 *   host ──localhost:mapped──▶ s3-storage:9000 (SeaweedFS) ◀──────────────────────────────────────────┤
 *                              database:8000 (moto server) ◀──────────────────────────────────────────┤
 *                              victorialogs:9428 (VictoriaLogs) ◀─────────────────────────────────────┘
 *                              toolbox (boto3, driven with docker exec)
 * </pre>
 *
 * <p>The backends, the toolbox and runtime-node boot in parallel; the components that join runtime-node's network
 * namespace boot as soon as it runs, since they name its container.
 */
public final class EsbEnvironment implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EsbEnvironment.class);

    private static EsbEnvironment shared;
    private static RuntimeException sharedFailure;

    private final Network network;
    private final S3StorageContainer s3Storage;
    private final DatabaseContainer database;
    private final VictoriaLogsContainer victoriaLogs;
    private final ToolboxContainer toolbox;
    private final RuntimeNodeContainer runtimeNode;
    private final EsbImages images;
    private final SharedVolume certificates;
    private final List<ComponentContainer<?>> components = new ArrayList<>();
    private volatile LocalProxyContainer localProxy;
    private volatile GatewayContainer gateway;
    private volatile AgentContainer agent;
    private boolean closed;

    private EsbEnvironment(EsbImages images) {
        this.network = Network.builder()
                .createNetworkCmdModifier(command -> command.withLabels(Labels.forThisProcess()))
                .build();
        this.s3Storage = new S3StorageContainer(images).onNetwork(network);
        this.database = new DatabaseContainer(images).onNetwork(network);
        this.victoriaLogs = new VictoriaLogsContainer(images).onNetwork(network);
        this.toolbox = new ToolboxContainer(images).onNetwork(network);
        this.runtimeNode = new RuntimeNodeContainer(images).onNetwork(network);
        this.images = images;
        this.certificates = SharedVolume.create("gateway-certs");
    }

    /** The environment of this JVM, booted on first use; a failed boot is reported again, not retried. */
    public static synchronized EsbEnvironment shared() {
        if (sharedFailure != null) {
            throw sharedFailure;
        }
        if (shared == null) {
            EsbEnvironment environment;
            try {
                environment = start(EsbImages.load());
            } catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(environment::close, "esb-environment-shutdown"));
            shared = environment;
        }
        return shared;
    }

    /**
     * Boots a new environment: removes what crashed runs left behind, then starts every component in parallel.
     *
     * @throws BootFailure naming each component that did not come up, with its state and last output
     */
    public static EsbEnvironment start(EsbImages images) {
        removeLeftovers();
        requireFreeNodeName();

        EsbEnvironment environment = new EsbEnvironment(images);
        Instant started = Instant.now();
        try {
            environment.startAll();
        } catch (RuntimeException e) {
            environment.close();
            throw e;
        }
        log.info("Environment started in {} ms", Duration.between(started, Instant.now()).toMillis());
        return environment;
    }

    /** Removes the containers and networks of runs whose process died; a live environment is left alone. */
    public static void removeLeftovers() {
        requireDocker();
        Leftovers.removeOrphans();
    }

    // Only one environment per name: say who holds it instead of Docker's bare 409 halfway through the boot.
    private static void requireFreeNodeName() {
        String name = RuntimeNodeContainer.containerName();
        try {
            Map<String, String> labels = DockerClientFactory.lazyClient().inspectContainerCmd(name).exec()
                    .getConfig().getLabels();
            String owner = labels == null ? null : labels.get(Labels.OWNER_PID);
            throw new IllegalStateException("Container name: '" + name + "' is taken" + (owner == null
                    ? " by a container this testbed did not create"
                    : " by the live environment of process " + owner) + " (expected: stop that environment, or set"
                    + " ESB_RUNTIME_NODE_NAME to run a second one beside it)");
        } catch (NotFoundException e) {
            log.debug("Container name {} is free", name);
        }
    }

    private static void requireDocker() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("Docker: no engine answers (expected: a running dockerd; run"
                    + " ./env/bootstrap, which installs and starts it when run as root)");
        }
    }

    // The sidecars name runtime-node's container, so they start as soon as it runs, while the backends still boot.
    private void startAll() {
        ExecutorService starters = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Void>> starts = new ArrayList<>();
            for (ComponentContainer<?> backend : List.of(s3Storage, database, victoriaLogs, toolbox)) {
                starts.add(startAsync(backend, starters));
            }

            CompletableFuture<Void> node = startAsync(runtimeNode, starters);
            starts.add(node.thenCompose(ready -> {
                localProxy = new LocalProxyContainer(images, runtimeNode);
                return startAsync(localProxy, starters);
            }));
            // The agent's import of the worker images is the longest step; it shares only a volume with the gateway,
            // so both start together.
            starts.add(node.thenCompose(ready -> {
                gateway = new GatewayContainer(images, runtimeNode, certificates.name());
                return startAsync(gateway, starters);
            }));
            starts.add(node.thenCompose(ready -> {
                agent = new AgentContainer(images, runtimeNode, certificates.name());
                return startAsync(agent, starters);
            }));

            List<BootFailure> failures = new ArrayList<>();
            for (CompletableFuture<Void> start : starts) {
                try {
                    start.join();
                } catch (CompletionException e) {
                    failures.add(bootFailure(e));
                }
            }
            if (!failures.isEmpty()) {
                BootFailure first = failures.get(0);
                failures.stream().skip(1).forEach(first::addSuppressed);
                throw first;
            }
        } finally {
            starters.shutdownNow();
        }
    }

    private static BootFailure bootFailure(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof BootFailure boot ? boot : new BootFailure("environment failed to boot", cause);
    }

    private CompletableFuture<Void> startAsync(ComponentContainer<?> component, ExecutorService starters) {
        synchronized (components) {
            components.add(component);
        }
        return CompletableFuture.runAsync(() -> startOne(component), starters);
    }

    private static void startOne(ComponentContainer<?> component) {
        Instant started = Instant.now();
        component.startOrExplain();
        log.info("{} ready in {} ms", component.component(), Duration.between(started, Instant.now()).toMillis());
    }

    public S3StorageContainer s3Storage() {
        return s3Storage;
    }

    public DatabaseContainer database() {
        return database;
    }

    public VictoriaLogsContainer victoriaLogs() {
        return victoriaLogs;
    }

    public ToolboxContainer toolbox() {
        return toolbox;
    }

    public RuntimeNodeContainer runtimeNode() {
        return runtimeNode;
    }

    public LocalProxyContainer localProxy() {
        return localProxy;
    }

    public GatewayContainer gateway() {
        return gateway;
    }

    public AgentContainer agent() {
        return agent;
    }

    public Network network() {
        return network;
    }

    /** Stops and removes every container, then the network. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;

        // Sidecars first: they live in runtime-node's namespace.
        List<ComponentContainer<?>> started;
        synchronized (components) {
            started = new ArrayList<>(components);
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            ComponentContainer<?> component = started.get(i);
            try {
                component.stop();
            } catch (RuntimeException e) {
                log.warn("Failed to stop {}", component.component(), e);
            }
        }
        certificates.close();
        try {
            network.close();
        } catch (RuntimeException e) {
            log.warn("Failed to remove the environment's network", e);
        }
    }
}
