package dev.esb.runtime.doctor;

import dev.esb.runtime.config.NodeConfig;
import dev.esb.runtime.config.NodeVariables;
import dev.esb.runtime.config.ServiceDnat;
import dev.esb.runtime.host.CommandRunner;
import java.util.List;

/**
 * A service answers through the gateway address from runtime-node's namespace: OUTPUT DNAT, then
 * local-proxy, then the backend (the seed's {@code curl -f http://10.88.0.1:9000/health}). Any HTTP answer
 * proves the path; the status is reported as evidence.
 */
public final class ViaGatewayCheck implements Check {
    private final CommandRunner runner;
    private final NodeConfig config;
    private final ServiceDnat dnat;

    /** Creates the check for one service. */
    public ViaGatewayCheck(CommandRunner runner, NodeConfig config, ServiceDnat dnat) {
        this.runner = runner;
        this.config = config;
        this.dnat = dnat;
    }

    @Override
    public String id() {
        return dnat.service().key() + "-via-gateway";
    }

    @Override
    public CheckResult run() {
        String key = dnat.service().key();
        if (!dnat.enabled()) {
            return CheckResult.skip(id(), "no DNAT rule (" + dnat.service().ipVariable() + " is empty)");
        }

        String url = "http://" + config.gatewayIp() + ":" + dnat.matchPort() + "/health";
        HttpProbe.Outcome outcome = new HttpProbe(runner).get(url);
        List<String> evidence = List.of(outcome.describe());
        if (outcome.answered()) {
            return CheckResult.pass(id(), dnat.service().label() + " answers through " + config.gatewayIp(), evidence);
        }

        if (!config.applyOutput()) {
            return CheckResult.fail(id(), NodeVariables.DNAT_APPLY_OUTPUT + " is off, so traffic from this namespace"
                    + " is not DNATed", evidence, "set " + NodeVariables.DNAT_APPLY_OUTPUT + "=1 and run runtime-node"
                    + " apply (workers on the bridge may still pass through PREROUTING)");
        }
        if (outcome.refused()) {
            return CheckResult.fail(id(), "refused: nothing accepts behind " + dnat.targetAddress(), evidence,
                    "see " + key + "-listener and dnat-rules above");
        }
        if (outcome.closedWithoutAnswer()) {
            return CheckResult.fail(id(), "local-proxy accepted and closed: its backend is not answering", evidence,
                    "see " + key + "-backend above, and docker logs esb-local-proxy");
        }
        return CheckResult.fail(id(), "no answer through " + config.gatewayIp() + ":" + dnat.matchPort(), evidence,
                "see route-localnet, dnat-rules and " + key + "-listener above");
    }
}
