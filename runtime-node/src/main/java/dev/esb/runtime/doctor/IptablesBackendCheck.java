package dev.esb.runtime.doctor;

import dev.esb.runtime.host.CommandResult;
import dev.esb.runtime.host.CommandRunner;
import java.util.List;

/**
 * Docker writes its DNS rules with the nf_tables backend on these machines; rules written with the legacy
 * backend live in separate tables, so the two views disagree and neither tool shows the whole truth.
 */
public final class IptablesBackendCheck implements Check {
    private final CommandRunner runner;

    /** Creates the check. */
    public IptablesBackendCheck(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public String id() {
        return "iptables-backend";
    }

    @Override
    public CheckResult run() {
        CommandResult version = runner.run("iptables", "--version");
        String line = version.stdout().strip();
        if (!version.succeeded()) {
            return CheckResult.fail(id(), "iptables does not run: " + version.firstErrorLine(), List.of(),
                    "install iptables (Debian's iptables package, nf_tables backend) in the runtime-node image");
        }
        if (line.contains("nf_tables")) {
            return CheckResult.pass(id(), "nf_tables, the backend Docker uses here", List.of(line));
        }
        return CheckResult.fail(id(), "not the nf_tables backend, so Docker's rules and ours are in different tables",
                List.of(line), "update-alternatives --set iptables /usr/sbin/iptables-nft, then runtime-node apply");
    }
}
