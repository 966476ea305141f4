package dev.esb.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import dev.esb.env.backend.S3StorageContainer;
import dev.esb.env.node.AgentContainer;
import dev.esb.env.topology.BootFailure;
import dev.esb.env.topology.EsbEnvironment;

/**
 * {@code env/up}: boots the reference environment, prints its endpoints, and keeps it running until Ctrl-C.
 */
public final class EnvironmentMain {

    private EnvironmentMain() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        EsbEnvironment environment;
        try {
            environment = EsbEnvironment.shared();
        } catch (BootFailure | IllegalStateException e) {
            System.err.println("env/up: " + e.getMessage());
            System.exit(1);
            return;
        }

        System.out.println();
        System.out.println("ESB reference environment is up. Endpoints on this machine:");
        System.out.printf("  s3-storage    %s   (access key %s, secret %s)%n", environment.s3Storage().hostEndpoint(),
                S3StorageContainer.ACCESS_KEY, S3StorageContainer.SECRET_KEY);
        System.out.printf("  database      %s   (DynamoDB API, any credentials)%n",
                environment.database().hostEndpoint());
        System.out.printf("  victorialogs  %s   (try %s/select/vmui)%n", environment.victoriaLogs().hostEndpoint(),
                environment.victoriaLogs().hostEndpoint());
        System.out.printf("  gateway       https://localhost:%d   (Lambda Invoke API; CA: %s)%n",
                environment.runtimeNode().hostGatewayPort(), writeCa(environment));
        System.out.printf("  runtime-node  docker exec %s runtime-node doctor%n",
                environment.runtimeNode().getContainerName().replaceFirst("^/", ""));
        System.out.printf("  toolbox       docker exec -it %s python3   (boto3 on the environment's network)%n",
                environment.toolbox().getContainerName().replaceFirst("^/", ""));
        String node = environment.runtimeNode().getContainerName().replaceFirst("^/", "");
        System.out.println();
        System.out.println("Deploy a function and invoke it:");
        System.out.printf("  docker exec %s curl -s -X PUT %s/esb/functions/hello -d '{\"image\":\"worker-python\"}'%n",
                node, AgentContainer.API);
        System.out.printf("  curl --cacert %s https://localhost:%d/2015-03-31/functions/hello/invocations"
                + " -d '{\"action\":\"echo\"}'%n", caPath(), environment.runtimeNode().hostGatewayPort());
        System.out.println("Press Ctrl-C to stop and remove it.");

        // The shutdown hook registered by shared() removes the environment; this thread only waits for it.
        new CountDownLatch(1).await();
    }

    private static Path caPath() {
        return Path.of(".esb", "gateway-ca.pem").toAbsolutePath();
    }

    private static Path writeCa(EsbEnvironment environment) throws IOException {
        Path ca = caPath();
        Files.createDirectories(ca.getParent());
        Files.writeString(ca, environment.gateway().caPem());
        return ca;
    }
}
