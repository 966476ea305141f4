package dev.esb.runtime.doctor;

import dev.esb.runtime.config.ServiceDnat;
import dev.esb.runtime.host.Listeners;
import dev.esb.runtime.host.NodeReader;
import java.util.List;

/**
 * Something listens on a service's DNAT target. This is where the seed's trap shows: DNAT to
 * {@code 127.0.0.1:8000} while local-proxy listens on {@code 127.0.0.1:8001}.
 */
public final class ListenerCheck implements Check {
    private final NodeReader reader;
    private final ServiceDnat dnat;

    /** Creates the check for one service's DNAT. */
    public ListenerCheck(NodeReader reader, ServiceDnat dnat) {
        this.reader = reader;
        this.dnat = dnat;
    }

    @Override
    public String id() {
        return dnat.service().key() + "-listener";
    }

    @Override
    public CheckResult run() throws Exception {
        if (!dnat.enabled()) {
            return CheckResult.skip(id(), "no DNAT rule (" + dnat.service().ipVariable() + " is empty)");
        }
        String target = dnat.target().orElseThrow().toString();
        if (!dnat.target().get().isLoopback()) {
            return CheckResult.skip(id(), "DNAT target " + dnat.targetAddress() + " is not on this node's loopback");
        }

        Listeners listeners = reader.listeners();
        List<String> evidence = List.of("listening: " + String.join(" ", listeners.addresses()));
        if (listeners.accepts(target, dnat.targetPort())) {
            return CheckResult.pass(id(), "something listens on " + dnat.targetAddress(), evidence);
        }

        int proxyPort = dnat.service().localProxyPort();
        String variable = dnat.service().portVariable();
        if (proxyPort != dnat.targetPort() && listeners.accepts(target, proxyPort)) {
            return CheckResult.fail(id(), "nothing listens on " + dnat.targetAddress() + ", but local-proxy listens"
                    + " on " + target + ":" + proxyPort, evidence, "set " + variable + "=" + proxyPort
                    + " (DNAT must point at local-proxy's port, not the backend's) and run runtime-node apply");
        }
        return CheckResult.fail(id(), "nothing listens on " + dnat.targetAddress(), evidence,
                "start local-proxy in runtime-node's namespace (docker logs esb-local-proxy), or fix " + variable);
    }
}
