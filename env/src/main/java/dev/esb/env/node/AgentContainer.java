package dev.esb.env.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.testcontainers.containers.Container.ExecResult;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Volume;

import dev.esb.env.image.EsbImages;

/**
 * The agent: runs the functions as containerd tasks inside runtime-node and attaches them to {@code cni0}. It shares
 * runtime-node's network and PID namespaces and enters its mount namespace for {@code ctr} and the CNI plugins;
 * it imports the worker images that env/bootstrap saved, and mounts the gateway's certificate volume to hand the
 * CA to the workers (it reads the CA at each deploy, so it may start before the gateway has written it).
 */
public final class AgentContainer extends SidecarContainer<AgentContainer> {

    public static final String COMPONENT = "agent";
    public static final String API = "http://127.0.0.1:8406";
    private static final String IMAGE_DIR = "/var/lib/esb-agent/images";

    public AgentContainer(EsbImages images, RuntimeNodeContainer node, String certificateVolume) {
        super(images, COMPONENT, node, "curl -sf " + API + "/health");
        Path workerImages = requireWorkerImages(images.workerImageDir());

        withCreateContainerCmdModifier(command -> command.getHostConfig()
                .withPidMode("container:" + node.getContainerId())
                .withCapAdd(Capability.SYS_ADMIN, Capability.SYS_PTRACE, Capability.NET_ADMIN)
                .withSecurityOpts(List.of("seccomp=unconfined", "apparmor=unconfined"))
                .withBinds(new Bind(workerImages.toString(), new Volume(IMAGE_DIR), AccessMode.ro),
                        new Bind(certificateVolume, new Volume(GatewayContainer.CERT_DIR), AccessMode.ro)));
        // Importing the worker images into containerd comes first and takes 10-20 s on 2 cores.
        withStartupTimeout(Duration.ofSeconds(120));
    }

    private static Path requireWorkerImages(Path dir) {
        if (!Files.isRegularFile(dir.resolve("workers.tar"))) {
            throw new IllegalStateException("Worker images: '" + dir.resolve("workers.tar")
                    + "' does not exist (expected: saved by ./env/bootstrap for the agent to import)");
        }
        return dir;
    }

    /** Deploys or replaces a function through the agent's API; returns the body and, on the last line, the status. */
    public ExecResult deploy(String function, String json) throws IOException, InterruptedException {
        return api("PUT", "/esb/functions/" + function, json);
    }

    /** Deletes a function through the agent's API. */
    public ExecResult delete(String function) throws IOException, InterruptedException {
        return api("DELETE", "/esb/functions/" + function, null);
    }

    /** One call of the agent's loopback API, made from inside the shared namespace. */
    public ExecResult api(String method, String path, String json) throws IOException, InterruptedException {
        return json == null
                ? execInContainer("curl", "-s", "-X", method, "-w", "\n%{http_code}", API + path)
                : execInContainer("curl", "-s", "-X", method, "-H", "Content-Type: application/json",
                        "--data-binary", json, "-w", "\n%{http_code}", API + path);
    }
}
