package dev.esb.runtime.doctor;

import dev.esb.runtime.config.Backend;
import dev.esb.runtime.config.ServiceDnat;
import dev.esb.runtime.host.CommandResult;
import dev.esb.runtime.host.CommandRunner;
import java.util.ArrayList;
import java.util.List;

/**
 * A service's backend resolves through Docker's DNS and answers HTTP, seen from runtime-node's namespace,
 * which local-proxy shares: what local-proxy itself would get.
 */
public final class BackendCheck implements Check {
    private final CommandRunner runner;
    private final ServiceDnat dnat;

    /** Creates the check for one service's backend. */
    public BackendCheck(CommandRunner runner, ServiceDnat dnat) {
        this.runner = runner;
        this.dnat = dnat;
    }

    @Override
    public String id() {
        return dnat.service().key() + "-backend";
    }

    @Override
    public CheckResult run() {
        if (!dnat.enabled()) {
            return CheckResult.skip(id(), "no DNAT rule (" + dnat.service().ipVariable() + " is empty)");
        }
        if (!dnat.target().orElseThrow().isLoopback()) {
            return CheckResult.skip(id(), "DNAT goes to " + dnat.targetAddress() + " directly, not via local-proxy");
        }

        Backend backend = dnat.backend();
        CommandResult resolved = runner.run("getent", "hosts", backend.host());
        List<String> evidence = new ArrayList<>();
        if (!resolved.succeeded() || resolved.stdout().isBlank()) {
            evidence.add("getent hosts " + backend.host() + ": no answer");
            return CheckResult.fail(id(), backend.host() + " does not resolve", evidence, "Docker's DNS (127.0.0.11)"
                    + " does not know " + backend.host() + ": start it on runtime-node's user-defined network, or fix "
                    + dnat.service().backendVariable());
        }
        evidence.add(backend.host() + " -> " + String.join(" ", resolved.stdout().strip().split("\\s+")[0]));

        HttpProbe.Outcome outcome = new HttpProbe(runner).get("http://" + backend + "/");
        evidence.add(outcome.describe());
        if (outcome.answered()) {
            return CheckResult.pass(id(), backend + " resolves and answers", evidence);
        }
        return CheckResult.fail(id(), backend + " resolves but does not answer", evidence,
                "start " + dnat.service().label() + " (" + backend.host() + ") and check its port " + backend.port());
    }
}
