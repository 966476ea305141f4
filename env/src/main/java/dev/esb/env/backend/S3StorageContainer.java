package dev.esb.env.backend;

import java.net.URI;

import org.testcontainers.containers.wait.strategy.Wait;

import dev.esb.env.image.EsbImages;
import dev.esb.env.topology.ComponentContainer;

/** The S3 server behind {@code s3-storage:9000}: SeaweedFS in one process, ready when its S3 health path answers. */
public final class S3StorageContainer extends ComponentContainer<S3StorageContainer> {

    public static final String COMPONENT = "s3-storage";
    public static final int S3_PORT = 9000;
    public static final String ACCESS_KEY = "esb-test-access";
    public static final String SECRET_KEY = "esb-test-secret";
    public static final String REGION = "us-east-1";

    public S3StorageContainer(EsbImages images) {
        super(images, COMPONENT);
        withExposedPorts(S3_PORT);
        waitingFor(Wait.forHttp("/healthz").forPort(S3_PORT).forStatusCode(200));
    }

    /** The S3 endpoint as seen from the host, through the mapped port on localhost. */
    public URI hostEndpoint() {
        return URI.create("http://localhost:" + getMappedPort(S3_PORT));
    }

    /** The S3 endpoint as seen from another container on the environment's network. */
    public static URI networkEndpoint() {
        return URI.create("http://" + COMPONENT + ":" + S3_PORT);
    }
}
