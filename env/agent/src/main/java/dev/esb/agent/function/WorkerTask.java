package dev.esb.agent.function;

import dev.esb.agent.cni.CniAttachment;
import dev.esb.agent.logs.TaskLog;

/**
 * One running worker of a function: its containerd task, its process, its bridge attachment and its output.
 *
 * @param worker the {@code ip:port} the gateway invokes
 */
public record WorkerTask(String id, String function, long pid, CniAttachment attachment, String worker,
        TaskLog log) {

    /** The task's network namespace, as a node path. */
    public String netns() {
        return "/proc/" + pid + "/ns/net";
    }
}
