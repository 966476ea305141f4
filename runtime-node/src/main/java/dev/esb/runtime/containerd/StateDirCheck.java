package dev.esb.runtime.containerd;

import dev.esb.runtime.host.CommandResult;
import dev.esb.runtime.host.CommandRunner;
import java.util.Optional;

/**
 * containerd's overlayfs snapshotter cannot stack on the container's own overlay root, so its state
 * directory must be a tmpfs or a volume that the caller mounts.
 */
public final class StateDirCheck {
    /** Where containerd keeps images, snapshots and task state. */
    public static final String DEFAULT_STATE_DIR = "/var/lib/containerd";

    private StateDirCheck() {
    }

    /**
     * The problem with {@code stateDir}, in the {@code NAME: 'value' (expected: ...)} form, or empty when
     * it is fit for containerd.
     */
    public static Optional<String> problem(CommandRunner runner, String stateDir) {
        CommandResult created = runner.run("mkdir", "-p", stateDir);
        if (!created.succeeded()) {
            return Optional.of(describe(stateDir, created.firstErrorLine(), "a writable directory"));
        }

        CommandResult type = runner.run("stat", "-f", "-c", "%T", stateDir);
        String fileSystem = type.stdout().strip();
        if (!type.succeeded()) {
            return Optional.of(describe(stateDir, type.firstErrorLine(),
                    "a directory whose file system stat can read"));
        }
        if (fileSystem.startsWith("overlay")) {
            return Optional.of(describe(stateDir, "on " + fileSystem, "a tmpfs or a volume, such as"
                    + " --tmpfs " + stateDir + " or -v esb-containerd:" + stateDir
                    + "; containerd cannot stack overlay snapshots on the container's overlay root"));
        }
        return Optional.empty();
    }

    private static String describe(String stateDir, String found, String expected) {
        return "containerd state directory: '" + stateDir + "' " + found + " (expected: " + expected + ")";
    }
}
