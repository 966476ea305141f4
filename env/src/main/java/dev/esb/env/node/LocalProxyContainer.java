package dev.esb.env.node;

import java.io.IOException;

import org.testcontainers.containers.Container.ExecResult;

import dev.esb.env.image.EsbImages;

/**
 * local-proxy in runtime-node's namespace: {@code 127.0.0.1:9000/8001/9428} to {@code s3-storage}, {@code database}
 * and {@code victorialogs} through Docker's DNS. Ready when its admin listener answers; its routes may still be
 * waiting for their names, which {@code /health} reports per route.
 */
public final class LocalProxyContainer extends SidecarContainer<LocalProxyContainer> {

    public static final String COMPONENT = "local-proxy";
    public static final String ADMIN = "http://127.0.0.1:8404";

    public LocalProxyContainer(EsbImages images, RuntimeNodeContainer node) {
        super(images, COMPONENT, node, "curl -s -o /dev/null " + ADMIN + "/metrics");
    }

    /** The admin listener's answer for a path, fetched from inside the namespace. */
    public ExecResult admin(String path) throws IOException, InterruptedException {
        return execInContainer("curl", "-s", "-w", "\n%{http_code}", ADMIN + path);
    }
}
