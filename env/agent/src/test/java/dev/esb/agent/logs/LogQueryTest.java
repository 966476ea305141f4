package dev.esb.agent.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LogQueryTest {

    @Test
    void readsWorkerAndSince() {
        LogQuery query = LogQuery.parse(Map.of("worker", "10.88.0.2:8080", "since", "1796313816000"));

        assertThat(query).as("query").isEqualTo(new LogQuery("10.88.0.2:8080", 1_796_313_816_000L));
    }

    @Test
    void defaultsSinceToTheBeginning() {
        assertThat(LogQuery.parse(Map.of("worker", "10.88.0.2:8080")).sinceMillis()).as("since").isZero();
    }

    @Test
    void namesABadWorkerAndABadSince() {
        assertThatThrownBy(() -> LogQuery.parse(Map.of("worker", "task-1")))
                .as("worker without port")
                .hasMessage("worker: 'task-1' (expected: a task address ip:port)");
        assertThatThrownBy(() -> LogQuery.parse(Map.of("worker", "10.88.0.2:8080", "since", "-5")))
                .as("negative since")
                .hasMessage("since: '-5' (expected: epoch milliseconds, 0 or more)");
    }
}
