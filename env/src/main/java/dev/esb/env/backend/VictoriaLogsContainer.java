package dev.esb.env.backend;

import java.net.URI;

import org.testcontainers.containers.wait.strategy.Wait;

import dev.esb.env.image.EsbImages;
import dev.esb.env.topology.ComponentContainer;

/** VictoriaLogs behind {@code victorialogs:9428}, ready when {@code /health} answers {@code OK}. */
public final class VictoriaLogsContainer extends ComponentContainer<VictoriaLogsContainer> {

    public static final String COMPONENT = "victorialogs";
    public static final int HTTP_PORT = 9428;

    public VictoriaLogsContainer(EsbImages images) {
        super(images, COMPONENT);
        withExposedPorts(HTTP_PORT);
        waitingFor(Wait.forHttp("/health")
                .forPort(HTTP_PORT)
                .forStatusCode(200)
                .forResponsePredicate(body -> body.strip().equals("OK")));
    }

    /** The HTTP endpoint as seen from the host, through the mapped port on localhost. */
    public URI hostEndpoint() {
        return URI.create("http://localhost:" + getMappedPort(HTTP_PORT));
    }
}
