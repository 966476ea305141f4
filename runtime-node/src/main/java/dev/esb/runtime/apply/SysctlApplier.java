package dev.esb.runtime.apply;

import dev.esb.runtime.host.CommandResult;
import dev.esb.runtime.host.CommandRunner;
import dev.esb.runtime.host.NodeReader;
import dev.esb.runtime.plan.Bridge;
import dev.esb.runtime.plan.Sysctl;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes kernel parameters that differ from the plan, reading each one back to be sure.
 *
 * <p>Docker mounts {@code /proc/sys} read-only. A process holding CAP_SYS_ADMIN may remount it read-write;
 * this is tried once, on the first write that does not stick, and undone afterwards. Values that already
 * match (for example set with {@code docker run --sysctl}) are never written, so no capability is needed
 * for them.
 */
public final class SysctlApplier {
    private static final Logger log = LoggerFactory.getLogger(SysctlApplier.class);

    private final NodeReader reader;
    private final CommandRunner runner;

    /** Creates an applier that reads and writes through {@code reader}'s runner. */
    public SysctlApplier(NodeReader reader) {
        this.reader = reader;
        this.runner = reader.runner();
    }

    /**
     * Brings every parameter to its planned value.
     *
     * @return one line per parameter changed, such as {@code net.ipv4.ip_forward: 0 -> 1}
     * @throws ApplyException when a parameter does not exist or cannot be written
     */
    public List<String> ensure(List<Sysctl> sysctls) throws ApplyException {
        List<String> changes = new ArrayList<>();
        boolean remounted = false;
        try {
            for (Sysctl sysctl : sysctls) {
                String current = reader.sysctl(sysctl.key()).orElseThrow(() -> new ApplyException(
                        sysctl.key() + ": no such kernel parameter (" + sysctl.procPath() + " does not exist)"));
                if (current.equals(sysctl.value())) {
                    continue;
                }

                Optional<CommandResult> refused = write(sysctl);
                if (refused.isPresent() && !remounted) {
                    remountReadWrite(sysctl);
                    remounted = true;
                    refused = write(sysctl);
                }
                if (refused.isPresent()) {
                    throw new ApplyException("Failed to set " + sysctl.key() + "=" + sysctl.value() + ": "
                            + refused.get().firstErrorLine());
                }
                changes.add(sysctl.key() + ": " + current + " -> " + sysctl.value());
            }
        } finally {
            if (remounted) {
                restoreReadOnly();
            }
        }
        return changes;
    }

    private Optional<CommandResult> write(Sysctl sysctl) {
        CommandResult result = runner.run("sysctl", "-w", sysctl.key() + "=" + sysctl.value());
        boolean stuck = reader.sysctl(sysctl.key()).filter(sysctl.value()::equals).isPresent();
        if (stuck) {
            return Optional.empty();
        }
        return Optional.of(result.succeeded() ? CommandResult.failed(1, "the value did not stick") : result);
    }

    private void remountReadWrite(Sysctl sysctl) throws ApplyException {
        CommandResult result = runner.run("mount", "-o", "remount,rw", "/proc/sys");
        if (result.succeeded()) {
            log.debug("Remounted /proc/sys read-write to set {}", sysctl.key());
            return;
        }

        String atStart = sysctl.key().contains("." + Bridge.NAME + ".")
                ? "" : ", or set it at start with docker run --sysctl " + sysctl.key() + "=" + sysctl.value();
        throw new ApplyException("Failed to set " + sysctl.key() + "=" + sysctl.value() + ": /proc/sys is read-only"
                + " and remounting it read-write failed (" + result.firstErrorLine() + "). Grant CAP_SYS_ADMIN"
                + " (docker run --cap-add SYS_ADMIN)" + atStart);
    }

    // "bind" makes the flag per mount: a plain remount,ro changes the proc superblock, so all of /proc turns read-only
    // and containerd's shims can no longer write oom_score_adj, and no task starts.
    private void restoreReadOnly() {
        CommandResult result = runner.run("mount", "-o", "remount,bind,ro", "/proc/sys");
        if (!result.succeeded()) {
            log.warn("Failed to remount /proc/sys read-only again: {}", result.firstErrorLine());
        }
    }
}
