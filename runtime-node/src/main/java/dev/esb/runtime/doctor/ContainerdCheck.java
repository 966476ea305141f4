package dev.esb.runtime.doctor;

import dev.esb.runtime.host.CommandResult;
import dev.esb.runtime.host.CommandRunner;
import java.util.List;

/** containerd answers on its socket, which the agent needs to start workers. */
public final class ContainerdCheck implements Check {
    private final CommandRunner runner;

    /** Creates the check. */
    public ContainerdCheck(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public String id() {
        return "containerd";
    }

    @Override
    public CheckResult run() {
        CommandResult version = runner.run("ctr", "version");
        List<String> evidence = version.stdout().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        if (version.succeeded() && version.stdout().contains("Server:")) {
            return CheckResult.pass(id(), "containerd answers", evidence);
        }
        return CheckResult.fail(id(), "containerd does not answer: " + version.firstErrorLine(), evidence,
                "runtime-node run starts containerd: see docker logs esb-runtime-node for why it is not running");
    }
}
