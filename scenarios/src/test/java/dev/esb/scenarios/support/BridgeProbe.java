package dev.esb.scenarios.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.testcontainers.containers.Container.ExecResult;

import dev.esb.env.node.RuntimeNodeContainer;

/**
 * A neighbour on runtime-node's bridge: a network namespace inside the node whose veth is enslaved to {@code cni0},
 * as a CNI-attached task's is, with a fixed address at the top of the {@code /16} (far from host-local's picks) and
 * a default route via the bridge gateway. Unlike a {@code ctr} task, its kernel parameters can be set, which is what
 * it takes to send packets to {@code 127.0.0.1} across the bridge as an attacker on the segment would.
 *
 * <pre>
 *   probe netns: veth ADDRESS/16 ──veth──▶ cni0 (CNI_GW_IP/16) in runtime-node's netns
 * </pre>
 */
public final class BridgeProbe implements AutoCloseable {

    /** The probe's address: the bridge's /16 with host part .255.250. */
    public static final String ADDRESS = sixteenOf(RuntimeNodeContainer.CNI_GW_IP) + ".255.250";

    private final RuntimeNodeContainer node;
    private final String name;

    private BridgeProbe(RuntimeNodeContainer node, String name) {
        this.node = node;
        this.name = name;
    }

    /** Creates the namespace {@code name} and attaches it to {@code cni0}. */
    public static BridgeProbe attach(RuntimeNodeContainer node, String name) throws IOException, InterruptedException {
        String veth = "v" + name;
        ExecResult attached = node.shell(String.join(" && ",
                "ip netns add " + name,
                "ip link add " + veth + " type veth peer name " + veth + "-br",
                "ip link set " + veth + " netns " + name,
                "ip link set " + veth + "-br master cni0 up",
                "ip netns exec " + name + " ip addr add " + ADDRESS + "/16 dev " + veth,
                "ip netns exec " + name + " ip link set " + veth + " up",
                "ip netns exec " + name + " ip route add default via " + RuntimeNodeContainer.CNI_GW_IP));
        BridgeProbe probe = new BridgeProbe(node, name);
        if (attached.getExitCode() != 0) {
            probe.close();
        }
        assertThat(attached.getExitCode()).as("attaching probe %s to cni0 in %s: %s", name, node.name(),
                attached.getStderr()).isZero();
        return probe;
    }

    /** Runs a shell command inside the probe's namespace. */
    public ExecResult run(String command) throws IOException, InterruptedException {
        return node.execInContainer("ip", "netns", "exec", name, "sh", "-c", command);
    }

    /**
     * Lets the probe accept replies whose source is {@code 127.0.0.1}, so that a connection to the node's loopback
     * completes when nothing drops it. Writes the probe's own {@code route_localnet} through a private proc mount,
     * since the node's {@code /proc/sys} is read-only.
     */
    public void acceptRepliesFromLoopback() throws IOException, InterruptedException {
        ExecResult set = run("unshare -m sh -c 'mount -t proc proc /proc"
                + " && echo 1 > /proc/sys/net/ipv4/conf/v" + name + "/route_localnet'");
        assertThat(set.getExitCode()).as("route_localnet on probe %s: %s", name, set.getStderr()).isZero();
    }

    /** Removes the namespace; its veth pair goes with it. */
    @Override
    public void close() throws IOException, InterruptedException {
        node.shell("ip netns del " + name + " 2>/dev/null; ip link del v" + name + "-br 2>/dev/null; true");
    }

    private static String sixteenOf(String address) {
        String[] octets = address.split("\\.");
        return octets[0] + "." + octets[1];
    }
}
