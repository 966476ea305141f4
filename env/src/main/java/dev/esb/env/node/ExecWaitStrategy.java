package dev.esb.env.node;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.rnorth.ducttape.ratelimits.RateLimiterBuilder;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/** Ready when a shell command inside the container exits 0; the last failed answer is kept for the report. */
final class ExecWaitStrategy extends AbstractWaitStrategy {

    private final String command;

    ExecWaitStrategy(String command) {
        this.command = command;
        withRateLimiter(RateLimiterBuilder.newBuilder()
                .withRate(4, TimeUnit.SECONDS)
                .withConstantThroughput()
                .build());
    }

    @Override
    protected void waitUntilReady() {
        Instant deadline = Instant.now().plus(startupTimeout);
        String lastAnswer = "not run yet";

        while (Instant.now().isBefore(deadline)) {
            if (!waitStrategyTarget.isRunning()) {
                throw new ContainerLaunchException("Container exited before '" + command + "' succeeded");
            }
            try {
                ExecResult result = getRateLimiter().getWhenReady(() ->
                        waitStrategyTarget.execInContainer("sh", "-c", command));
                if (result.getExitCode() == 0) {
                    return;
                }
                lastAnswer = "exit " + result.getExitCode() + ": " + (result.getStderr() + result.getStdout()).strip();
            } catch (Exception e) {
                lastAnswer = e.toString();
            }
        }
        throw new ContainerLaunchException("Timed out after " + startupTimeout.toSeconds() + " s waiting for '"
                + command + "' to succeed (last answer: " + lastAnswer + ")");
    }
}
