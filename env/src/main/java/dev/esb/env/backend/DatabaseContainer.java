package dev.esb.env.backend;

import java.net.URI;

import dev.esb.env.image.EsbImages;
import dev.esb.env.topology.ComponentContainer;

/** The DynamoDB-compatible server behind {@code database:8000}: moto's server, ready when it answers ListTables. */
public final class DatabaseContainer extends ComponentContainer<DatabaseContainer> {

    public static final String COMPONENT = "database";
    public static final int DYNAMODB_PORT = 8000;
    public static final String ACCESS_KEY = "esb-test-access";
    public static final String SECRET_KEY = "esb-test-secret";
    public static final String REGION = "us-east-1";

    public DatabaseContainer(EsbImages images) {
        super(images, COMPONENT);
        withExposedPorts(DYNAMODB_PORT);
        waitingFor(new ListTablesWaitStrategy(DYNAMODB_PORT));
    }

    /** The DynamoDB endpoint as seen from the host, through the mapped port on localhost. */
    public URI hostEndpoint() {
        return URI.create("http://localhost:" + getMappedPort(DYNAMODB_PORT));
    }
}
