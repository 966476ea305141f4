package dev.esb.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import dev.esb.agent.api.ControlApi;
import dev.esb.agent.cni.CniNetwork;
import dev.esb.agent.function.Deployer;
import dev.esb.agent.function.GatewayRegistry;
import dev.esb.agent.function.WorkerTask;
import dev.esb.agent.image.WorkerImages;
import dev.esb.agent.node.NsenterShell;
import dev.esb.agent.task.Containerd;
import dev.esb.agent.task.CtrCommands;

/**
 * The agent's entry point: checks its settings, imports the worker images into containerd, removes a previous
 * run's tasks, then serves its API until SIGTERM, when it removes its functions.
 *
 * <p>Exit status: 0 after a clean stop, 1 when starting failed, 2 on invalid settings.
 */
public final class AgentMain {

    private static final Logger LOG = LoggerFactory.getLogger(AgentMain.class);
    private static final long LOG_POLL_MILLIS = 50;

    private AgentMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && !args[0].equals("run")) {
            System.err.println("command: '" + args[0] + "' (expected: run, or nothing)");
            System.exit(2);
        }

        AgentConfig config;
        try {
            config = AgentConfig.fromEnvironment(System::getenv);
        } catch (ConfigException e) {
            e.problems().forEach(System.err::println);
            System.exit(2);
            return;
        }

        try {
            run(config);
            System.exit(0);
        } catch (Exception e) {
            LOG.error("Failed to run the agent: {}", e.getMessage(), e);
            System.exit(1);
        }
    }

    static void run(AgentConfig config) throws IOException, InterruptedException {
        long started = System.nanoTime();
        ObjectMapper json = new ObjectMapper();
        NsenterShell node = new NsenterShell(config.nodePid());
        Containerd containerd = new Containerd(node, new CtrCommands(config.namespace()));
        CniNetwork network = new CniNetwork(node, json, config.conflist(), config.cniPath());
        WorkerImages images = new WorkerImages();
        Deployer deployer = new Deployer(config, node, containerd, network, images,
                new GatewayRegistry(config.gatewayUrl(), json), System::currentTimeMillis);

        Duration imported = images.importAll(Path.of(config.imageDir()), containerd, json);
        LOG.info("Imported images {} in {} ms", images.shortNames().keySet(), imported.toMillis());
        int leftovers = deployer.removeLeftovers();
        if (leftovers > 0) {
            LOG.info("Removed {} task(s) of a previous run", leftovers);
        }

        ScheduledExecutorService tails = Executors.newSingleThreadScheduledExecutor(daemon("agent-log-tail"));
        tails.scheduleWithFixedDelay(() -> followLogs(deployer), LOG_POLL_MILLIS, LOG_POLL_MILLIS,
                TimeUnit.MILLISECONDS);

        HttpServer server = HttpServer.create(config.controlAddress(), 64);
        server.createContext("/", new ControlApi(deployer, images, json));
        server.setExecutor(Executors.newFixedThreadPool(4, daemon("agent-api")));
        server.start();
        LOG.info("Agent started in {} ms: API on {}, gateway at {}, node pid {}, containerd namespace {}",
                Duration.ofNanos(System.nanoTime() - started).toMillis(), config.controlAddress(),
                config.gatewayUrl(), config.nodePid(), config.namespace());

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping: removing {} function(s)", deployer.functions().size());
            server.stop(0);
            deployer.undeployAll();
            tails.shutdownNow();
            stopped.countDown();
        }, "agent-stop"));
        stopped.await();
    }

    private static void followLogs(Deployer deployer) {
        for (var function : deployer.deployed()) {
            for (WorkerTask task : function.tasks()) {
                try {
                    task.log().catchUp();
                } catch (IOException | RuntimeException e) {
                    LOG.debug("Cannot read the log of {} yet: {}", task.id(), e.toString());
                }
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
