package dev.esb.env.topology;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.rnorth.ducttape.ratelimits.RateLimiterBuilder;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Readiness as a probe repeated a few times a second until it succeeds, the container dies, or the startup timeout
 * passes; the timeout's message carries the probe's last answer, so a failed boot says what it saw.
 */
public abstract class ProbeWaitStrategy extends AbstractWaitStrategy {

    protected ProbeWaitStrategy() {
        withRateLimiter(RateLimiterBuilder.newBuilder()
                .withRate(4, TimeUnit.SECONDS)
                .withConstantThroughput()
                .build());
    }

    /** What the probe checks, for messages: "'curl ...' to succeed". */
    protected abstract String expectation();

    /**
     * Runs the probe once.
     *
     * @return {@code null} when ready, else what it saw instead
     */
    protected abstract String probe() throws Exception;

    @Override
    protected final void waitUntilReady() {
        Instant deadline = Instant.now().plus(startupTimeout);
        String lastAnswer = "no answer yet";

        while (Instant.now().isBefore(deadline)) {
            if (!waitStrategyTarget.isRunning()) {
                throw new ContainerLaunchException("Container exited while waiting for " + expectation());
            }
            try {
                String answer = getRateLimiter().getWhenReady(this::probe);
                if (answer == null) {
                    return;
                }
                lastAnswer = answer;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContainerLaunchException("Interrupted while waiting for " + expectation(), e);
            } catch (Exception e) {
                lastAnswer = e.toString();
            }
        }
        throw new ContainerLaunchException("Timed out after " + startupTimeout.toSeconds() + " s waiting for "
                + expectation() + " (last answer: " + lastAnswer + ")");
    }
}
