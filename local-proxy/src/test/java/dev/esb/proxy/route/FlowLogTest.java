package dev.esb.proxy.route;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FlowLogTest {
    @Test
    void writesOneLogfmtLineWithEveryField() {
        String line = FlowLog.format("s3", "127.0.0.1:40112", "172.18.0.3:9000", 512, 2048, 14, 2,
                FlowOutcome.HALF_CLOSE_TIMEOUT);

        assertThat(line).as("connection log line").isEqualTo("route=s3 client=127.0.0.1:40112 "
                + "backend=172.18.0.3:9000 bytes_to_backend=512 bytes_to_client=2048 duration_ms=14 attempts=2 "
                + "outcome=half-close-timeout");
    }

    @Test
    void labelsEveryOutcomeInKebabCase() {
        for (FlowOutcome outcome : FlowOutcome.values()) {
            assertThat(outcome.label()).as("label of %s", outcome).matches("[a-z]+(-[a-z]+)*");
        }
    }
}
