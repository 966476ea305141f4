package dev.esb.env.node;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.wait.strategy.Wait;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;

import dev.esb.env.image.EsbImages;
import dev.esb.env.topology.ComponentContainer;

/**
 * runtime-node: containerd, runc and the CNI bridge {@code 10.88.0.0/16} in one container, with the DNAT rules its
 * entrypoint writes. Gateway, agent and local-proxy join its network namespace; its published {@code :443} is the
 * host's way in.
 *
 * <p>Privileged mode is refused on the build machines; this is the capability set under which nested containerd
 * works there.
 */
public final class RuntimeNodeContainer extends ComponentContainer<RuntimeNodeContainer> {

    public static final String COMPONENT = "runtime-node";
    /** The seed's troubleshooting commands name the container so; override with {@code ESB_RUNTIME_NODE_NAME}. */
    public static final String DEFAULT_NAME = "esb-runtime-node";
    public static final int GATEWAY_PORT = 443;
    /** The bridge gateway: the address workers use for every service. The one place this literal lives. */
    public static final String CNI_GW_IP = "10.88.0.1";

    private final String name;

    public RuntimeNodeContainer(EsbImages images) {
        this(images, containerName());
    }

    /**
     * A node under another container name, for scenarios that boot a second node beside the environment's (to break
     * it without disturbing the shared one). Its sidecars must be named by the caller.
     */
    public RuntimeNodeContainer(EsbImages images, String name) {
        super(images, COMPONENT);
        this.name = name;
        withExposedPorts(GATEWAY_PORT);
        withCreateContainerCmdModifier(command -> {
            command.withName(name);
            command.getHostConfig()
                    .withCapAdd(Capability.SYS_ADMIN, Capability.NET_ADMIN, Capability.SYS_PTRACE, Capability.MKNOD)
                    .withSecurityOpts(List.of("seccomp=unconfined", "apparmor=unconfined"))
                    .withCgroupnsMode("host")
                    .withBinds(Bind.parse("/sys/fs/cgroup:/sys/fs/cgroup:rw"));
        });
        // containerd refuses overlay on overlay: its state lives on tmpfs.
        withTmpFs(Map.of("/var/lib/containerd", "rw,exec", "/run/containerd", "rw,exec"));
        waitingFor(Wait.forLogMessage(".*containerd is ready.*", 1));
    }

    /** The name the container runs under: {@value #DEFAULT_NAME} unless {@code ESB_RUNTIME_NODE_NAME} says else. */
    public static String containerName() {
        String name = System.getenv("ESB_RUNTIME_NODE_NAME");
        return name == null || name.isBlank() ? DEFAULT_NAME : name.trim();
    }

    /** The Docker name of this node's container. */
    public String name() {
        return name;
    }

    /** Runs {@code runtime-node doctor --json} inside the node. */
    public ExecResult doctor() throws IOException, InterruptedException {
        return execInContainer("runtime-node", "doctor", "--json");
    }

    /** Runs a shell command in the node's namespaces, as the seed's troubleshooting steps do. */
    public ExecResult shell(String command) throws IOException, InterruptedException {
        return execInContainer("sh", "-c", command);
    }

    /** The gateway's HTTPS port as mapped on the host's localhost. */
    public int hostGatewayPort() {
        return getMappedPort(GATEWAY_PORT);
    }
}
