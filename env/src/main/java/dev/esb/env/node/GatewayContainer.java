package dev.esb.env.node;

import java.nio.charset.StandardCharsets;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;

import dev.esb.env.image.EsbImages;

/**
 * The reference gateway in runtime-node's namespace: HTTPS on {@code :443}, so on {@code 10.88.0.1:443} for workers
 * and on runtime-node's published port for the host, and on {@code https://runtime-node:443} for containers on the
 * Docker network. It issues its CA and certificate at start.
 */
public final class GatewayContainer extends SidecarContainer<GatewayContainer> {

    public static final String COMPONENT = "gateway";
    public static final String CERT_DIR = "/var/lib/esb/certs";

    public GatewayContainer(EsbImages images, RuntimeNodeContainer node) {
        this(images, node, null);
    }

    /** A gateway that writes its certificates into a named volume, for the agent to mount too. */
    public GatewayContainer(EsbImages images, RuntimeNodeContainer node, String certificateVolume) {
        super(images, COMPONENT, node, "curl -sf --cacert " + CERT_DIR + "/ca.pem https://localhost:443/health");
        if (certificateVolume != null) {
            withCreateContainerCmdModifier(command -> command.getHostConfig()
                    .withBinds(new Bind(certificateVolume, new Volume(CERT_DIR))));
        }
        withEnv("CNI_GW_IP", RuntimeNodeContainer.CNI_GW_IP);
        withEnv("GATEWAY_CERT_DIR", CERT_DIR);
        // runtime-node is the name other containers on the Docker network (the toolbox's boto3) reach it by.
        withEnv("GATEWAY_CERT_NAMES", "gateway," + RuntimeNodeContainer.COMPONENT);
    }

    /** The environment's CA certificate in PEM, for clients that must trust the gateway. */
    public String caPem() {
        return copyFileFromContainer(CERT_DIR + "/ca.pem",
                in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
}
