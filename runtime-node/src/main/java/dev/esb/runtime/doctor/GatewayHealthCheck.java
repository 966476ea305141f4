package dev.esb.runtime.doctor;

import dev.esb.runtime.config.NodeConfig;
import dev.esb.runtime.host.CommandRunner;
import java.util.List;

/**
 * The gateway's {@code /health} answers over TLS on the address workers use for chained invokes, with the
 * request's source on the bridge address (the seed's {@code curl -k https://10.88.0.1/health}).
 */
public final class GatewayHealthCheck implements Check {
    private final CommandRunner runner;
    private final NodeConfig config;

    /** Creates the check. */
    public GatewayHealthCheck(CommandRunner runner, NodeConfig config) {
        this.runner = runner;
        this.config = config;
    }

    @Override
    public String id() {
        return "gateway-health";
    }

    @Override
    public CheckResult run() {
        String base = config.gatewayInternalUrl().toString().replaceFirst("/+$", "");
        HttpProbe.Outcome outcome = new HttpProbe(runner)
                .get(base + "/health", "-k", "--interface", config.gatewayIp().toString());
        List<String> evidence = List.of(outcome.describe());
        if (outcome.succeeded()) {
            return CheckResult.pass(id(), "the gateway is healthy at " + base, evidence);
        }
        String cause = outcome.answered() ? "the gateway answered " + outcome.status() : "the gateway did not answer";
        return CheckResult.fail(id(), cause, evidence, "the gateway shares runtime-node's namespace and serves /health"
                + " on " + base + ": see docker logs esb-gateway");
    }
}
