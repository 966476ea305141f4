package dev.esb.agent.task;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.esb.agent.node.CommandException;
import dev.esb.agent.node.NodeShell;

/** Worker tasks in containerd, through {@code ctr} run in the node's mount namespace. */
public final class Containerd {

    private static final Logger LOG = LoggerFactory.getLogger(Containerd.class);
    private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration TASK_TIMEOUT = Duration.ofSeconds(60);

    private final NodeShell node;
    private final CtrCommands ctr;

    public Containerd(NodeShell node, CtrCommands ctr) {
        this.node = node;
        this.ctr = ctr;
    }

    /** Imports a {@code docker save} tarball of the agent's file system into containerd's image store. */
    public void importImages(Path tarball) {
        var result = node.runWithInput(ctr.importImages(), tarball, IMPORT_TIMEOUT);
        if (!result.succeeded()) {
            throw new CommandException(ctr.importImages(), "exit status " + result.exitCode() + " importing "
                    + tarball + ": " + result.stderr().strip());
        }
        LOG.debug("ctr import of {}: {}", tarball, result.stdout().strip());
    }

    /** Creates and starts a task; its process id. */
    public long start(TaskSpec spec) {
        node.check(List.of("mkdir", "-p", Path.of(spec.logPath()).getParent().toString()));
        node.check(ctr.run(spec), Map.of(), new byte[0], TASK_TIMEOUT);

        TaskStatus status = tasks().get(spec.id());
        if (status == null || !status.running() || status.pid() <= 0) {
            throw new CommandException(ctr.run(spec), "task " + spec.id() + " is not running after start ("
                    + (status == null ? "not listed" : status.status()) + ")");
        }
        return status.pid();
    }

    public Map<String, TaskStatus> tasks() {
        return CtrCommands.parseTasks(node.check(ctr.listTasks()));
    }

    public List<String> containers() {
        return node.check(ctr.listContainers()).lines().map(String::trim).filter(id -> !id.isEmpty()).toList();
    }

    public Optional<TaskStatus> task(String id) {
        return Optional.ofNullable(tasks().get(id));
    }

    /** Kills and deletes the task, then the container and its snapshot; parts already gone are fine. */
    public void remove(String id) {
        if (tasks().containsKey(id)) {
            node.run(ctr.killTask(id), Map.of(), new byte[0], TASK_TIMEOUT);
            node.check(ctr.deleteTask(id), Map.of(), new byte[0], TASK_TIMEOUT);
        }
        if (containers().contains(id)) {
            node.check(ctr.deleteContainer(id), Map.of(), new byte[0], TASK_TIMEOUT);
        }
    }
}
