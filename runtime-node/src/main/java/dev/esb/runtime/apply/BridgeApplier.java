package dev.esb.runtime.apply;

import dev.esb.runtime.host.CommandResult;
import dev.esb.runtime.host.CommandRunner;
import dev.esb.runtime.host.NodeReader;
import dev.esb.runtime.plan.Bridge;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the CNI bridge with the gateway address before any worker exists. The CNI bridge plugin later
 * finds it and keeps it, as long as it carries exactly the gateway address of the conflist.
 */
public final class BridgeApplier {
    private final NodeReader reader;
    private final CommandRunner runner;

    /** Creates an applier that reads and writes through {@code reader}'s runner. */
    public BridgeApplier(NodeReader reader) {
        this.reader = reader;
        this.runner = reader.runner();
    }

    /**
     * Makes the bridge exist, carry the planned address (and no other IPv4 address), and be up.
     *
     * @return one line per change made
     */
    public List<String> ensure(Bridge bridge) throws ApplyException {
        List<String> changes = new ArrayList<>();
        if (!reader.linkExists(bridge.name())) {
            run("ip", "link", "add", bridge.name(), "type", "bridge");
            changes.add("bridge " + bridge.name() + ": created");
        }

        List<String> addresses = reader.ipv4Addresses(bridge.name());
        if (!addresses.contains(bridge.address())) {
            // A different gateway from an earlier CNI_GW_IP would make the bridge plugin refuse the bridge.
            for (String stale : addresses) {
                run("ip", "addr", "del", stale, "dev", bridge.name());
                changes.add("bridge " + bridge.name() + ": removed " + stale);
            }
            run("ip", "addr", "add", bridge.address(), "dev", bridge.name());
            changes.add("bridge " + bridge.name() + ": added " + bridge.address());
        }

        if (!reader.linkUp(bridge.name())) {
            run("ip", "link", "set", bridge.name(), "up");
            changes.add("bridge " + bridge.name() + ": set up");
        }
        return changes;
    }

    private void run(String... argv) throws ApplyException {
        CommandResult result = runner.run(argv);
        if (!result.succeeded()) {
            throw new ApplyException("Failed to run " + String.join(" ", argv) + ": " + result.firstErrorLine()
                    + " (creating the bridge needs CAP_NET_ADMIN: docker run --cap-add NET_ADMIN)");
        }
    }
}
