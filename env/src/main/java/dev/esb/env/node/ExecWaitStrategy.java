package dev.esb.env.node;

import org.testcontainers.containers.Container.ExecResult;

import dev.esb.env.topology.ProbeWaitStrategy;

/** Ready when a shell command inside the container exits 0. */
final class ExecWaitStrategy extends ProbeWaitStrategy {

    private final String command;

    ExecWaitStrategy(String command) {
        this.command = command;
    }

    @Override
    protected String expectation() {
        return "'" + command + "' to succeed";
    }

    @Override
    protected String probe() throws Exception {
        ExecResult result = waitStrategyTarget.execInContainer("sh", "-c", command);
        return result.getExitCode() == 0 ? null
                : "exit " + result.getExitCode() + ": " + (result.getStderr() + result.getStdout()).strip();
    }
}
