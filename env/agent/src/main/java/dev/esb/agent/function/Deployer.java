package dev.esb.agent.function;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.esb.agent.AgentConfig;
import dev.esb.agent.cni.CniAttachment;
import dev.esb.agent.cni.CniNetwork;
import dev.esb.agent.image.WorkerImages;
import dev.esb.agent.logs.TaskLog;
import dev.esb.agent.node.NodeShell;
import dev.esb.agent.task.Containerd;
import dev.esb.agent.task.TaskSpec;
import dev.esb.agent.task.TaskStatus;

/**
 * Deploys functions as worker tasks and keeps the gateway's view in step. A deploy starts every new task, attaches
 * it to the bridge and waits until its emulator accepts connections; only then does the gateway get the new
 * workers, and only then are the previous tasks removed. A failed deploy removes what it started, so nothing is
 * left half-applied and the previous deployment keeps serving.
 */
public final class Deployer {

    private static final Logger LOG = LoggerFactory.getLogger(Deployer.class);

    private final AgentConfig config;
    private final NodeShell node;
    private final Containerd containerd;
    private final CniNetwork network;
    private final WorkerImages images;
    private final GatewayRegistry gateway;
    private final LongSupplier clock;
    private final Map<String, DeployedFunction> functions = new ConcurrentHashMap<>();

    public Deployer(AgentConfig config, NodeShell node, Containerd containerd, CniNetwork network,
            WorkerImages images, GatewayRegistry gateway, LongSupplier clock) {
        this.config = config;
        this.node = node;
        this.containerd = containerd;
        this.network = network;
        this.images = images;
        this.gateway = gateway;
        this.clock = clock;
    }

    /** Deploys or replaces a function; whether it is new. */
    public synchronized boolean deploy(FunctionRequest request) {
        String imageRef = images.resolve(request.image()).orElseThrow(() -> new InvalidRequestException(
                "image: '" + request.image() + "' (expected: one of " + images.shortNames().keySet()
                        + ", imported from " + config.imageDir() + ")"));
        boolean withCa = installCaBundle();
        Map<String, String> env = TaskEnvironment.of(config.workerEnv(), request, withCa);

        List<WorkerTask> started = new ArrayList<>();
        try {
            for (int replica = 1; replica <= request.replicas(); replica++) {
                started.add(startTask(request, replica, imageRef, env, withCa));
            }
            DeployedFunction deployed = new DeployedFunction(request, imageRef, started);
            gateway.register(request.name(), deployed.workers(), request.timeoutSeconds());

            DeployedFunction previous = functions.put(request.name(), deployed);
            if (previous != null) {
                previous.tasks().forEach(this::removeQuietly);
            }
            LOG.info("Deployed {} ({}) on {}", request.name(), imageRef, deployed.workers());
            return previous == null;
        } catch (RuntimeException e) {
            started.forEach(this::removeQuietly);
            throw e;
        }
    }

    /** Removes a function from the gateway, then its tasks; whether it existed. */
    public synchronized boolean undeploy(String name) {
        DeployedFunction deployed = functions.get(name);
        if (deployed == null) {
            return false;
        }

        gateway.unregister(name);
        functions.remove(name);
        deployed.tasks().forEach(this::removeQuietly);
        LOG.info("Removed {} and its {} task(s)", name, deployed.tasks().size());
        return true;
    }

    public Optional<DeployedFunction> function(String name) {
        return Optional.ofNullable(functions.get(name));
    }

    public Map<String, DeployedFunction> functions() {
        return new TreeMap<>(functions);
    }

    /** The task that serves {@code worker} ({@code ip:port}), for log tails. */
    public Optional<WorkerTask> taskAt(String worker) {
        return functions.values().stream()
                .flatMap(function -> function.tasks().stream())
                .filter(task -> task.worker().equals(worker))
                .findFirst();
    }

    public Collection<DeployedFunction> deployed() {
        return List.copyOf(functions.values());
    }

    /** Removes every container of the namespace: a previous agent's tasks, whose addresses are released too. */
    public synchronized int removeLeftovers() {
        Map<String, TaskStatus> tasks = containerd.tasks();
        List<String> containers = containerd.containers();
        for (String id : containers) {
            TaskStatus status = tasks.get(id);
            String netns = status != null && status.pid() > 0 ? "/proc/" + status.pid() + "/ns/net" : "";
            try {
                network.remove(id, netns, null);
            } catch (RuntimeException e) {
                LOG.warn("Failed to release the address of leftover task {}", id, e);
            }
            containerd.remove(id);
            LOG.info("Removed leftover task {}", id);
        }
        containers.stream().map(Deployer::functionOf).distinct().forEach(name -> {
            try {
                gateway.unregister(name);
            } catch (RuntimeException e) {
                LOG.warn("Failed to remove leftover function {} from the gateway", name, e);
            }
        });
        return containers.size();
    }

    /** The function of a task id {@code <function>-<replica>-<suffix>}, as {@link #startTask} names tasks. */
    static String functionOf(String taskId) {
        String[] parts = taskId.split("-");
        if (parts.length < 3) {
            return taskId;
        }
        return String.join("-", Arrays.copyOf(parts, parts.length - 2));
    }

    /** Removes every function, for shutdown. */
    public synchronized void undeployAll() {
        for (String name : List.copyOf(functions.keySet())) {
            try {
                undeploy(name);
            } catch (RuntimeException e) {
                LOG.warn("Failed to remove function {}", name, e);
            }
        }
    }

    private WorkerTask startTask(FunctionRequest request, int replica, String imageRef, Map<String, String> env,
            boolean withCa) {
        String id = request.name() + "-" + replica + "-" + HexFormat.of().toHexDigits(
                ThreadLocalRandom.current().nextInt()).substring(0, 6);
        String logPath = config.stateDir() + "/logs/" + id + ".log";
        Map<String, String> mounts = withCa ? Map.of(caPath(), AgentConfig.TASK_CA_PATH) : Map.of();
        Map<String, String> labels = Map.of("dev.esb.function", request.name(), "dev.esb.replica",
                Integer.toString(replica));
        TaskSpec spec = new TaskSpec(id, imageRef, env, labels, mounts, logPath);

        long pid = containerd.start(spec);
        TaskLog log = new TaskLog(node.nodePath(logPath), config.logLines(), clock);
        CniAttachment attachment;
        try {
            attachment = network.add(id, "/proc/" + pid + "/ns/net");
        } catch (RuntimeException e) {
            containerd.remove(id);
            throw e;
        }

        WorkerTask task = new WorkerTask(id, request.name(), pid, attachment,
                attachment.address() + ":" + AgentConfig.WORKER_INVOKE_PORT, log);
        try {
            awaitListening(task);
        } catch (RuntimeException e) {
            removeQuietly(task);
            throw e;
        }
        LOG.debug("Task {} of {} is pid {} at {}", id, request.name(), pid, task.worker());
        return task;
    }

    private void awaitListening(WorkerTask task) {
        long deadline = System.nanoTime() + Duration.ofSeconds(config.readySeconds()).toNanos();
        InetSocketAddress address = new InetSocketAddress(task.attachment().address(), AgentConfig.WORKER_INVOKE_PORT);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(address, 250);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Task " + task.id() + " did not accept connections on "
                            + task.worker() + " within " + config.readySeconds() + " s (AGENT_READY_TIMEOUT_SECONDS); "
                            + "its output: " + tail(task));
                }
                pause();
            }
        }
    }

    private static String tail(WorkerTask task) {
        try {
            List<String> lines = task.log().since(0);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a task", e);
        }
    }

    private void removeQuietly(WorkerTask task) {
        try {
            network.remove(task.id(), task.netns(), task.attachment().result());
        } catch (RuntimeException e) {
            LOG.warn("Failed to release the address {} of task {}", task.worker(), task.id(), e);
        }
        try {
            containerd.remove(task.id());
            Files.deleteIfExists(task.log().file());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Failed to remove task {}", task.id(), e);
        }
    }

    private String caPath() {
        return config.stateDir() + "/ca.pem";
    }

    /** Copies the gateway's CA to the node, where tasks mount it; whether there is one. */
    private boolean installCaBundle() {
        if (config.caBundle().isEmpty()) {
            return false;
        }

        Path source = Path.of(config.caBundle());
        if (!Files.isRegularFile(source)) {
            throw new IllegalStateException("AGENT_CA_BUNDLE: '" + source + "' does not exist (expected: the "
                    + "gateway's ca.pem, which it writes on start; set AGENT_CA_BUNDLE= to deploy without one)");
        }
        try {
            Path target = node.nodePath(caPath());
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            throw new IllegalStateException("Failed to copy the CA bundle " + source + " to the node's " + caPath(), e);
        }
    }
}
