package dev.esb.gateway.logship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.esb.gateway.testing.FakeVictoriaLogs;

class VictoriaLogsShipperTest {
    private static AccessLogEntry entry(int n) {
        return new AccessLogEntry(Instant.now(), "f", "request-" + n, "RequestResponse", 200, "success", n, "w:1");
    }

    @Test
    void dropsTheOldestEntriesWhenTheBufferIsFull() throws Exception {
        try (FakeVictoriaLogs logs = FakeVictoriaLogs.start()) {
            // A flush interval far beyond the test keeps everything in the buffer until close.
            VictoriaLogsShipper shipper = new VictoriaLogsShipper(HttpClient.newHttpClient(), URI.create(logs.url()),
                    100, Duration.ofMinutes(10), 3);
            for (int n = 0; n < 5; n++) {
                shipper.record(entry(n));
            }

            assertThat(shipper.stats().dropped()).as("dropped entries").isEqualTo(2);
            assertThat(shipper.stats().buffered()).as("buffered entries").isEqualTo(3);
            shipper.close();

            assertThat(logs.lines()).as("request IDs shipped on close")
                    .extracting(line -> line.path("request_id").asText())
                    .containsExactly("request-2", "request-3", "request-4");
        }
    }

    @Test
    void shipsAsSoonAsABatchIsFullWithoutWaitingForTheInterval() throws Exception {
        try (FakeVictoriaLogs logs = FakeVictoriaLogs.start()) {
            VictoriaLogsShipper shipper = new VictoriaLogsShipper(HttpClient.newHttpClient(), URI.create(logs.url()),
                    2, Duration.ofMinutes(10), 100);
            for (int n = 0; n < 4; n++) {
                shipper.record(entry(n));
            }

            await("two full batches shipped")
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(logs.batches()).as("batches").hasSize(2));
            assertThat(logs.batches()).as("batch sizes").allSatisfy(batch -> assertThat(batch.lines()).hasSize(2));
            assertThat(shipper.stats().batchesShipped()).as("batches counted").isEqualTo(2);
            shipper.close();
        }
    }
}
