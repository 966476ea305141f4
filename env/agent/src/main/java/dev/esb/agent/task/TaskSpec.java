package dev.esb.agent.task;

import java.util.List;
import java.util.Map;

/**
 * One worker task to create in containerd.
 *
 * @param id       the containerd container and task id
 * @param imageRef the image as containerd names it, for example {@code docker.io/esb/worker-python:abc}
 * @param env      the task's environment, in order
 * @param labels   containerd labels on the container
 * @param mounts   read-only bind mounts, node path to task path
 * @param logPath  the node path of the file the shim writes the task's stdout and stderr to
 */
public record TaskSpec(String id, String imageRef, Map<String, String> env, Map<String, String> labels,
        Map<String, String> mounts, String logPath) {

    public TaskSpec {
        env = Map.copyOf(env);
        labels = Map.copyOf(labels);
        mounts = Map.copyOf(mounts);
    }

    /** The task's environment in a stable order (sorted by name), as the ctr arguments carry it. */
    public List<String> envAssignments() {
        return env.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .toList();
    }
}
