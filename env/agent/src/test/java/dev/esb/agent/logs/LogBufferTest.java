package dev.esb.agent.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class LogBufferTest {

    @Test
    void returnsOnlyLinesReadAtOrAfterSince() {
        LogBuffer buffer = new LogBuffer(100);
        append(buffer, "START 1\nEND 1\n", 1_000);
        append(buffer, "START 2\n", 2_000);
        append(buffer, "END 2\n", 2_500);

        assertThat(buffer.since(2_000)).as("window from 2000").containsExactly("START 2", "END 2");
        assertThat(buffer.since(2_001)).as("window from 2001").containsExactly("END 2");
        assertThat(buffer.since(0)).as("everything").hasSize(4);
        assertThat(buffer.since(3_000)).as("window after the last line").isEmpty();
    }

    @Test
    void holdsAPartialLineUntilItsNewlineArrives() {
        LogBuffer buffer = new LogBuffer(100);
        append(buffer, "hel", 1_000);

        assertThat(buffer.since(0)).as("before the newline").isEmpty();

        append(buffer, "lo\r\nnext", 2_000);

        assertThat(buffer.since(0)).as("after the newline").containsExactly("hello");
        assertThat(buffer.since(2_000)).as("stamped when completed").containsExactly("hello");
    }

    @Test
    void dropsTheOldestLinesBeyondItsCapacity() {
        LogBuffer buffer = new LogBuffer(2);
        append(buffer, "a\nb\nc\n", 1_000);

        assertThat(buffer.since(0)).as("kept lines").containsExactly("b", "c");
        assertThat(buffer.size()).as("size").isEqualTo(2);
    }

    @Test
    void refusesANonPositiveCapacity() {
        assertThatThrownBy(() -> new LogBuffer(0))
                .as("zero capacity")
                .hasMessage("capacity: '0' (expected: at least 1)");
    }

    private static void append(LogBuffer buffer, String text, long now) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        buffer.append(bytes, bytes.length, now);
    }
}
