package dev.esb.runtime.doctor;

import dev.esb.runtime.host.NodeReader;
import dev.esb.runtime.plan.Bridge;
import java.util.List;

/** The CNI bridge exists, is up and carries the gateway address workers route through. */
public final class BridgeCheck implements Check {
    private final NodeReader reader;
    private final Bridge bridge;

    /** Creates the check for the planned {@code bridge}. */
    public BridgeCheck(NodeReader reader, Bridge bridge) {
        this.reader = reader;
        this.bridge = bridge;
    }

    @Override
    public String id() {
        return "cni-bridge";
    }

    @Override
    public CheckResult run() {
        if (!reader.linkExists(bridge.name())) {
            return CheckResult.fail(id(), bridge.name() + " does not exist", List.of("ip link show dev "
                    + bridge.name() + ": no such device"), DnatRulesCheck.REMEDY);
        }

        List<String> addresses = reader.ipv4Addresses(bridge.name());
        boolean up = reader.linkUp(bridge.name());
        List<String> evidence = List.of(bridge.name() + " " + (up ? "up" : "down") + ", addresses " + addresses);
        if (!addresses.contains(bridge.address())) {
            return CheckResult.fail(id(), bridge.name() + " lacks " + bridge.address(), evidence,
                    DnatRulesCheck.REMEDY);
        }
        if (!up) {
            return CheckResult.fail(id(), bridge.name() + " is down", evidence, DnatRulesCheck.REMEDY);
        }
        return CheckResult.pass(id(), bridge.name() + " is up with " + bridge.address(), evidence);
    }
}
