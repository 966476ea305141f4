package dev.esb.gateway.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import dev.esb.gateway.dispatch.WorkerPool;
import dev.esb.gateway.testing.FakeRuntimeEmulator;
import dev.esb.gateway.testing.TestGateway;

/** Many invocations of one function on few workers: queued, served in turn, never two at once on a worker. */
class ConcurrentInvokeTest {
    @TempDir
    Path certDir;

    @Test
    void servesEightConcurrentInvocationsOnTwoWorkersOneAtATimeEach() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try (FakeRuntimeEmulator first = FakeRuntimeEmulator.start(Duration.ofSeconds(20));
                FakeRuntimeEmulator second = FakeRuntimeEmulator.start(Duration.ofSeconds(20));
                TestGateway gateway = TestGateway.start(certDir, Map.of());
                LambdaClient lambda = gateway.lambdaClient()) {
            gateway.register("fan-in", 20, List.of(first.address(), second.address()));
            WorkerPool pool = gateway.gateway().registry().find("fan-in").orElseThrow().pool();

            List<CompletableFuture<InvokeResponse>> calls = new ArrayList<>();
            for (int n = 0; n < 8; n++) {
                String payload = "{\"action\":\"hold\",\"n\":" + n + "}";
                calls.add(CompletableFuture.supplyAsync(() -> lambda.invoke(r -> r.functionName("fan-in")
                        .payload(SdkBytes.fromUtf8String(payload))), callers));
            }
            // A lease is granted before its request reaches the worker, so both views are awaited together.
            await("both workers running one invocation each and six invocations queued")
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> {
                        assertThat(pool.snapshot()).as("pool while workers are held")
                                .isEqualTo(new WorkerPool.Snapshot(2, 2, 6, 0));
                        assertThat(first.inFlight() + second.inFlight()).as("invocations running on the workers")
                                .isEqualTo(2);
                    });

            first.releaseHeld();
            second.releaseHeld();
            for (CompletableFuture<InvokeResponse> call : calls) {
                InvokeResponse response = call.get(20, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as("status of each invocation").isEqualTo(200);
                assertThat(response.functionError()).as("function error of each invocation").isNull();
            }

            assertThat(first.overlaps() + second.overlaps()).as("requests a worker got while busy").isZero();
            assertThat(first.served() + second.served()).as("invocations served in total").isEqualTo(8);
            assertThat(first.served()).as("invocations served by the first worker").isPositive();
            assertThat(second.served()).as("invocations served by the second worker").isPositive();
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void servesQueuedSynchronousInvocationsBeforeQueuedEvents() throws Exception {
        try (FakeRuntimeEmulator worker = FakeRuntimeEmulator.start(Duration.ofSeconds(20));
                TestGateway gateway = TestGateway.start(certDir, Map.of());
                LambdaClient lambda = gateway.lambdaClient()) {
            gateway.register("ordered", 20, List.of(worker.address()));
            WorkerPool pool = gateway.gateway().registry().find("ordered").orElseThrow().pool();
            CompletableFuture<InvokeResponse> holder = CompletableFuture.supplyAsync(() -> lambda.invoke(r -> r
                    .functionName("ordered").payload(SdkBytes.fromUtf8String("{\"action\":\"hold\"}"))));
            await("the worker is held").atMost(Duration.ofSeconds(5)).until(() -> worker.inFlight() == 1);

            lambda.invoke(r -> r.functionName("ordered").invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String("{\"kind\":\"event\"}")));
            CompletableFuture<InvokeResponse> sync = CompletableFuture.supplyAsync(() -> lambda.invoke(r -> r
                    .functionName("ordered").payload(SdkBytes.fromUtf8String("{\"kind\":\"sync\"}"))));
            await("one event and one synchronous invocation queued")
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(pool.snapshot()).as("pool")
                            .isEqualTo(new WorkerPool.Snapshot(1, 1, 1, 1)));

            worker.releaseHeld();
            assertThat(holder.get(10, TimeUnit.SECONDS).statusCode()).as("held invocation").isEqualTo(200);
            assertThat(sync.get(10, TimeUnit.SECONDS).statusCode()).as("queued invocation").isEqualTo(200);
            await("the event runs last")
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(worker.events()).as("order of events on the worker")
                            .containsExactly("{\"action\":\"hold\"}", "{\"kind\":\"sync\"}", "{\"kind\":\"event\"}"));
        }
    }
}
