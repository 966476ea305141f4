package dev.esb.env.topology;

import java.util.List;

import org.testcontainers.DockerClientFactory;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;

/** A component that did not come up, with its state and its last lines of output. */
public final class BootFailure extends RuntimeException {

    BootFailure(String message, Throwable cause) {
        super(message, cause);
    }

    static BootFailure of(ComponentContainer<?> container, String stateAtFailure, Throwable cause) {
        String state = (stateAtFailure == null ? "never started" : stateAtFailure) + ": " + rootMessage(cause);
        List<String> lines = container.tail().lines();

        StringBuilder message = new StringBuilder()
                .append(container.component())
                .append(" (")
                .append(container.getDockerImageName())
                .append(") failed to boot: ")
                .append(state);
        if (lines.isEmpty()) {
            message.append("\n  (it printed nothing)");
        } else {
            message.append("\n  last ").append(lines.size()).append(" lines of its output:");
            lines.forEach(line -> message.append("\n  [").append(container.component()).append("] ").append(line));
        }
        return new BootFailure(message.toString(), cause);
    }

    /** The container's state in the words of a failed boot: exited with code N, OOMKilled, or running. */
    static String describeState(String containerId) {
        try {
            InspectContainerResponse.ContainerState state = DockerClientFactory.lazyClient()
                    .inspectContainerCmd(containerId)
                    .exec()
                    .getState();
            if (Boolean.TRUE.equals(state.getOOMKilled())) {
                return "OOMKilled (exit code " + state.getExitCodeLong() + ")";
            }
            if (Boolean.TRUE.equals(state.getRunning())) {
                return "running but not ready";
            }
            return "exited with code " + state.getExitCodeLong();
        } catch (NotFoundException e) {
            return "removed before it could be inspected";
        }
    }

    private static String rootMessage(Throwable cause) {
        Throwable root = cause;
        String message = cause.getMessage();
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root.getMessage() != null) {
                message = root.getMessage();
            }
        }
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
