package dev.esb.gateway.invoke;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import dev.esb.gateway.registry.WorkerAddress;

/**
 * Sends one invocation to a worker's Runtime Interface Emulator, which serves a single function at
 * {@value #EMULATOR_PATH}.
 */
public final class WorkerClient {
    /** The emulator's only invocation path. */
    public static final String EMULATOR_PATH = "/2015-03-31/functions/function/invocations";
    /** Lambda's limit for a synchronous response payload. */
    public static final int RESPONSE_LIMIT = 6 * 1024 * 1024;

    private final HttpClient client;

    /** @param client an HTTP/1.1 client with a short connect timeout */
    public WorkerClient(HttpClient client) {
        this.client = client;
    }

    /**
     * Posts the payload to the worker.
     *
     * @param timeout the longest the worker may take before the request is abandoned
     */
    public CompletableFuture<WorkerReply> invoke(WorkerAddress worker, byte[] payload, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + worker + EMULATOR_PATH))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
                .build();
        return client.sendAsync(request, response -> new BoundedBody(response.statusCode(), RESPONSE_LIMIT))
                .thenApply(HttpResponse::body);
    }

    /** Keeps the first {@code limit} bytes and counts the rest, so a runaway response cannot exhaust memory. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<WorkerReply> {
        private final int status;
        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final CompletableFuture<WorkerReply> result = new CompletableFuture<>();
        private long length;

        BoundedBody(int status, int limit) {
            this.status = status;
            this.limit = limit;
        }

        @Override
        public CompletionStage<WorkerReply> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int size = buffer.remaining();
                int room = (int) Math.max(0, Math.min(size, limit - length));
                byte[] bytes = new byte[room];
                buffer.get(bytes);
                kept.write(bytes, 0, room);
                length += size;
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(new WorkerReply(status, kept.toByteArray(), length));
        }
    }
}
