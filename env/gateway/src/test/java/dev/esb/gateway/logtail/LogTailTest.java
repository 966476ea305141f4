package dev.esb.gateway.logtail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class LogTailTest {
    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    @Test
    void encodesShortLogsWhole() {
        assertThat(decode(LogTail.encode(List.of("START RequestId: 1", "END RequestId: 1")))).as("decoded tail")
                .isEqualTo("START RequestId: 1\nEND RequestId: 1\n");
    }

    @Test
    void keepsOnlyTheLastFourKilobytesWithoutSplittingACharacter() {
        String early = "early line";
        String late = "é".repeat(3000);

        byte[] tail = Base64.getDecoder().decode(LogTail.encode(List.of(early, late)));

        assertThat(tail.length).as("bytes in the tail").isBetween(LogTail.MAX_BYTES - 1, LogTail.MAX_BYTES);
        assertThat(new String(tail, StandardCharsets.UTF_8)).as("decoded tail")
                .doesNotContain(early).doesNotContain("\uFFFD").endsWith("é\n");
    }
}
