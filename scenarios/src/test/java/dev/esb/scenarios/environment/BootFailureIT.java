package dev.esb.scenarios.environment;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.wait.strategy.Wait;

import dev.esb.env.image.EsbImages;
import dev.esb.env.topology.BootFailure;
import dev.esb.env.topology.ComponentContainer;
import dev.esb.env.topology.ProbeWaitStrategy;

/** A component that does not come up is named, with its state and its last output, instead of a bare timeout. */
class BootFailureIT {

    /** The toolbox image made to fail the way a misconfigured component would. */
    private static final class FailingComponent extends ComponentContainer<FailingComponent> {

        FailingComponent(String script) {
            super(EsbImages.load(), "toolbox");
            withCreateContainerCmdModifier(command -> command.withEntrypoint("sh", "-c", script));
            // Testcontainers' own startup check races a container that exits within milliseconds; a probe that
            // never succeeds leaves the exit as the only way out, so the test is not timing-dependent.
            waitingFor(new NeverReady());
        }
    }

    private static final class NeverReady extends ProbeWaitStrategy {

        @Override
        protected String expectation() {
            return "a readiness signal this component never gives";
        }

        @Override
        protected String probe() {
            return "not ready";
        }
    }

    @Test
    void namesTheExitCodeAndLastOutputOfAComponentThatExits() {
        try (FailingComponent component = new FailingComponent("echo 'config: port 80x1 is not a port'; exit 3")) {
            component.withStartupTimeout(Duration.ofSeconds(20));

            assertThatThrownBy(component::startOrExplain)
                    .as("boot of a component that exits at once")
                    .isInstanceOf(BootFailure.class)
                    .hasMessageContaining("toolbox")
                    .hasMessageContaining("exited with code 3")
                    .hasMessageContaining("[toolbox] config: port 80x1 is not a port");
        }
    }

    @Test
    void namesAComponentThatRunsButIsNeverReady() {
        try (FailingComponent component = new FailingComponent("echo 'listening nowhere'; exec sleep 600")) {
            component.withExposedPorts(9000)
                    .waitingFor(Wait.forHttp("/health").forPort(9000).withStartupTimeout(Duration.ofSeconds(3)));

            assertThatThrownBy(component::startOrExplain)
                    .as("boot of a component that never answers its readiness check")
                    .isInstanceOf(BootFailure.class)
                    .hasMessageContaining("running but not ready")
                    .hasMessageContaining("[toolbox] listening nowhere");
        }
    }
}
