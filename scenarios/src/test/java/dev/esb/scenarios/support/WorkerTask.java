package dev.esb.scenarios.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.testcontainers.containers.Container.ExecResult;

import dev.esb.env.node.RuntimeNodeContainer;

/**
 * A worker task the way the agent starts one: {@code ctr run --cni} inside runtime-node, attached to {@code cni0}
 * by the node's own conflist, with an address from host-local IPAM.
 *
 * <p>No worker image is in containerd's store yet, and nothing may be pulled, so the task runs on a root filesystem
 * assembled inside the node from its own binaries ({@code bash}, {@code curl}, {@code ip}, {@code cat} and the
 * libraries {@code ldd} names) and passed with {@code ctr run --rootfs}.
 */
public final class WorkerTask {

    /** Where the worker's root filesystem is assembled inside the node. */
    public static final String ROOTFS = "/var/lib/esb-scenarios/worker-rootfs";

    private static final List<String> TOOLS = List.of("/usr/bin/bash", "/usr/bin/cat", "/usr/bin/curl",
            "/usr/sbin/ip");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private WorkerTask() {
    }

    /**
     * Runs {@code script} with bash in a new task on the node's bridge and returns when it exits; the task and its
     * CNI attachment are removed afterwards. The script must bound its own waits (for example {@code curl -m}).
     */
    public static ExecResult run(RuntimeNodeContainer node, String name, String script)
            throws IOException, InterruptedException {
        requireWritableProc(node);
        prepareRootfs(node);

        String id = name + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        try {
            return node.execInContainer("ctr", "run", "--rm", "--cni", "--rootfs", ROOTFS, id,
                    "/usr/bin/bash", "-c", script);
        } finally {
            // A task that failed half-way would otherwise keep its name and its bridge address.
            node.shell("ctr task kill -s KILL " + id + " 2>/dev/null; ctr task rm -f " + id + " 2>/dev/null;"
                    + " ctr container rm " + id + " 2>/dev/null; true");
        }
    }

    /**
     * containerd's shim writes {@code /proc/<pid>/oom_score_adj} for every task; on a node whose {@code /proc} is
     * mounted read-only no task can start, whatever the image.
     */
    public static void requireWritableProc(RuntimeNodeContainer node) throws IOException, InterruptedException {
        ExecResult mount = node.shell("grep -E '^proc /proc proc ' /proc/mounts");
        assertThat(mount.getStdout()).as("the /proc mount of %s, which containerd's shim must write"
                + " (oom_score_adj) to start a task; a read-only /proc is left behind by runtime-node's sysctl step"
                + " when it remounts /proc/sys read-only without 'bind'", node.name())
                .startsWith("proc /proc proc rw,");
    }

    private static void prepareRootfs(RuntimeNodeContainer node) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder("set -e; test -x " + ROOTFS + "/usr/bin/curl && exit 0;")
                .append(" mkdir -p ").append(ROOTFS).append(" && cd ").append(ROOTFS)
                .append(" && mkdir -p proc sys dev tmp etc;");
        for (String tool : TOOLS) {
            script.append(" cp --parents ").append(tool).append(" .;")
                    .append(" for lib in $(ldd ").append(tool).append(" | grep -o '/[^ ]*'); do")
                    .append(" cp --parents -L \"$lib\" .; done;");
        }
        ExecResult prepared = node.shell(script.toString());
        assertThat(prepared.getExitCode()).as("assembling the worker root filesystem in %s: %s", node.name(),
                prepared.getStderr()).isZero();
    }
}
