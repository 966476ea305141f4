package dev.esb.env.backend;

import java.io.IOException;

import org.testcontainers.containers.Container.ExecResult;

import dev.esb.env.image.EsbImages;
import dev.esb.env.topology.ComponentContainer;

/**
 * A container with current boto3 on the environment's network. Scenarios run Python clients in it with
 * {@code docker exec}, so that they reach the backends by their Docker DNS names and the host reaches no private
 * address.
 */
public final class ToolboxContainer extends ComponentContainer<ToolboxContainer> {

    public static final String COMPONENT = "toolbox";

    public ToolboxContainer(EsbImages images) {
        super(images, COMPONENT);
    }

    /** Runs a Python script given as text, with the given environment, and returns its result. */
    public ExecResult python(String script, String... environment) throws IOException, InterruptedException {
        String[] command = new String[environment.length + 4];
        command[0] = "env";
        System.arraycopy(environment, 0, command, 1, environment.length);
        command[environment.length + 1] = "python3";
        command[environment.length + 2] = "-c";
        command[environment.length + 3] = script;
        return execInContainer(command);
    }
}
