package dev.esb.gateway.invoke;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

import dev.esb.gateway.dispatch.PoolClosedException;
import dev.esb.gateway.dispatch.PoolSaturatedException;
import dev.esb.gateway.dispatch.WorkerLease;
import dev.esb.gateway.dispatch.WorkerPool;
import dev.esb.gateway.logship.AccessLog;
import dev.esb.gateway.logship.AccessLogEntry;
import dev.esb.gateway.logtail.LogTail;
import dev.esb.gateway.logtail.LogTailSource;
import dev.esb.gateway.metrics.InvocationCounters;
import dev.esb.gateway.registry.FunctionDefinition;
import dev.esb.gateway.registry.FunctionRegistry;
import dev.esb.gateway.registry.RegisteredFunction;

/**
 * Runs invocations: validates them, leases a worker, forwards, enforces the timeout, and reports the result the way
 * Lambda does. Every invocation ends in exactly one access log entry and one counted outcome.
 */
public final class Invoker {
    private static final Logger log = LoggerFactory.getLogger(Invoker.class);
    // The emulator enforces the same timeout; the grace lets its own report arrive first when both are set alike.
    private static final Duration TIMEOUT_GRACE = Duration.ofMillis(500);
    // A worker that overran stays leased this much longer, because its emulator may still be running the handler:
    // a second request then would be refused or break the first.
    private static final Duration OVERRUN_HOLD = Duration.ofSeconds(30);
    private static final byte[] EMPTY_EVENT = "{}".getBytes(StandardCharsets.UTF_8);
    private static final JsonFactory JSON = new JsonFactory();

    private final FunctionRegistry registry;
    private final WorkerClient workers;
    private final LogTailSource tails;
    private final Duration tailTimeout;
    private final AccessLog accessLog;
    private final InvocationCounters counters;
    private final String region;
    private final String accountId;

    /**
     * @param registry the functions
     * @param workers the client that talks to emulators
     * @param tails where log tails come from
     * @param tailTimeout the longest an invocation waits for its log tail
     * @param accessLog where access log entries go
     * @param counters where outcomes are counted
     * @param region the region in function ARNs
     * @param accountId the account in function ARNs
     */
    public Invoker(FunctionRegistry registry, WorkerClient workers, LogTailSource tails, Duration tailTimeout,
            AccessLog accessLog, InvocationCounters counters, String region, String accountId) {
        this.registry = registry;
        this.workers = workers;
        this.tails = tails;
        this.tailTimeout = tailTimeout;
        this.accessLog = accessLog;
        this.counters = counters;
        this.region = region;
        this.accountId = accountId;
    }

    /** Runs one invocation; the future always completes with a response, never exceptionally. */
    public CompletableFuture<InvocationResponse> invoke(InvokeCall call) {
        Attempt attempt = new Attempt(call);
        CompletableFuture<InvocationResponse> response;
        try {
            response = dispatch(call, attempt);
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }

        return response
                .exceptionally(error -> attempt.fail(asLambdaError(error, attempt)).toResponse(call.requestId()))
                .thenApply(answer -> {
                    if (!attempt.journalLater) {
                        journal(attempt, answer.status());
                    }
                    return answer;
                });
    }

    /** Answers a request that was refused before it could be parsed, such as one with an oversized payload. */
    public InvocationResponse refuse(String requestId, String functionName, LambdaError error) {
        Attempt attempt = new Attempt(new InvokeCall(requestId, functionName, null, null, null, new byte[0]));
        attempt.fail(error);
        InvocationResponse response = error.toResponse(requestId);
        journal(attempt, response.status());
        return response;
    }

    private CompletableFuture<InvocationResponse> dispatch(InvokeCall call, Attempt attempt) {
        InvocationType type = InvocationType.fromHeader(call.invocationType());
        attempt.type = type;
        boolean tail = wantsTail(call.logType());
        FunctionReference reference = FunctionReference.parse(call.functionName(), call.qualifier());
        RegisteredFunction function = registry.find(reference.name())
                .filter(found -> reference.isLatest())
                .orElseThrow(() -> LambdaError.functionNotFound(reference.arn(region, accountId)));
        attempt.registered = true;
        attempt.name = reference.name();
        byte[] payload = validPayload(call.payload(), type);

        FunctionDefinition definition = function.definition();
        return switch (type) {
            case DRY_RUN -> {
                attempt.outcome = "dry_run";
                yield CompletableFuture.completedFuture(InvocationResponse.empty(204, call.requestId()));
            }
            case EVENT -> enqueue(function, payload, attempt);
            case REQUEST_RESPONSE -> function.pool().acquire(WorkerPool.Priority.SYNC, definition.timeout())
                    .thenCompose(lease -> run(definition, lease, payload, tail, attempt));
        };
    }

    private CompletableFuture<InvocationResponse> enqueue(RegisteredFunction function, byte[] payload,
            Attempt attempt) {
        CompletableFuture<WorkerLease> lease = function.pool().acquire(WorkerPool.Priority.EVENT, null);
        if (lease.isCompletedExceptionally()) {
            return lease.thenApply(refused -> null);
        }

        attempt.journalLater = true;
        lease.thenCompose(granted -> run(function.definition(), granted, payload, false, attempt))
                .whenComplete((ignored, error) -> {
                    if (error != null) {
                        attempt.fail(asLambdaError(error, attempt));
                        log.debug("Event invocation {} of {} failed", attempt.call.requestId(), attempt.function(),
                                error);
                    }
                    journal(attempt, 202);
                });
        attempt.outcome = "accepted";
        return CompletableFuture.completedFuture(InvocationResponse.empty(202, attempt.call.requestId()));
    }

    private CompletableFuture<InvocationResponse> run(FunctionDefinition definition, WorkerLease lease,
            byte[] payload, boolean tail, Attempt attempt) {
        String requestId = attempt.call.requestId();
        attempt.worker = lease.worker().toString();
        Instant dispatched = Instant.now();

        CompletableFuture<WorkerReply> reply;
        try {
            reply = workers.invoke(lease.worker(), payload, definition.timeout().plus(OVERRUN_HOLD));
        } catch (RuntimeException e) {
            lease.release();
            throw e;
        }
        reply.whenComplete((answer, error) -> lease.release());

        CompletableFuture<FunctionResult> result = reply
                .thenApply(answer -> FunctionResult.fromReply(answer, requestId, definition.timeoutSeconds(),
                        attempt.worker))
                .completeOnTimeout(FunctionResult.timedOut(requestId, definition.timeoutSeconds()),
                        definition.timeout().plus(TIMEOUT_GRACE).toMillis(), TimeUnit.MILLISECONDS);

        return result.thenCompose(outcome -> {
            attempt.outcome = outcome.outcome().label();
            if (!tail) {
                return CompletableFuture.completedFuture(answer(outcome, null, requestId));
            }
            return tails.linesSince(lease.worker(), dispatched)
                    .completeOnTimeout(List.of(), tailTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionally(error -> List.of())
                    .thenApply(lines -> answer(outcome, LogTail.encode(lines), requestId));
        });
    }

    private static InvocationResponse answer(FunctionResult result, String logResult, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Amz-Executed-Version", FunctionReference.LATEST);
        if (result.functionError()) {
            headers.put("X-Amz-Function-Error", "Unhandled");
        }
        if (logResult != null) {
            headers.put("X-Amz-Log-Result", logResult);
        }
        return InvocationResponse.json(200, requestId, headers, result.body());
    }

    private static boolean wantsTail(String logType) {
        if (logType == null || "None".equals(logType)) {
            return false;
        }
        if ("Tail".equals(logType)) {
            return true;
        }
        throw LambdaError.invalidParameter("X-Amz-Log-Type: '" + logType + "' (expected: None or Tail)");
    }

    private static byte[] validPayload(byte[] payload, InvocationType type) {
        if (type == InvocationType.EVENT && payload.length > LambdaError.EVENT_PAYLOAD_LIMIT) {
            throw LambdaError.requestTooLarge(LambdaError.EVENT_PAYLOAD_LIMIT);
        }
        // Lambda hands the function an empty object when the caller sent no payload.
        if (payload.length == 0) {
            return EMPTY_EVENT;
        }
        try (JsonParser parser = JSON.createParser(payload)) {
            parser.nextToken();
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw LambdaError.invalidRequestContent(
                        "Could not parse request body into json: more than one JSON value");
            }
        } catch (IOException e) {
            throw LambdaError.invalidRequestContent("Could not parse request body into json: "
                    + e.getMessage().lines().findFirst().orElse("invalid JSON"));
        }
        return payload;
    }

    private LambdaError asLambdaError(Throwable error, Attempt attempt) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof LambdaError lambdaError) {
            return lambdaError;
        }
        if (cause instanceof PoolSaturatedException) {
            return LambdaError.tooManyRequests(cause.getMessage());
        }
        if (cause instanceof PoolClosedException) {
            return LambdaError.functionNotFound(
                    FunctionReference.parse(attempt.function(), null).arn(region, accountId));
        }
        if (cause instanceof ConnectException || cause instanceof HttpTimeoutException
                || cause instanceof IOException) {
            return LambdaError.workerFailed("Failed to reach worker " + attempt.worker + " of function "
                    + attempt.function() + ": " + cause);
        }
        log.warn("Failed to invoke {} ({})", attempt.function(), attempt.call.requestId(), cause);
        return LambdaError.internal("Internal error of the gateway: " + cause);
    }

    private void journal(Attempt attempt, int status) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - attempt.startedNanos);
        String type = attempt.type != null ? attempt.type.wireName()
                : attempt.call.invocationType() == null ? InvocationType.REQUEST_RESPONSE.wireName() : "invalid";
        counters.record(new InvocationCounters.Key(attempt.registered ? attempt.function() : "-", type,
                attempt.outcome), millis);
        accessLog.record(new AccessLogEntry(Instant.now(), attempt.function(), attempt.call.requestId(), type,
                status, attempt.outcome, millis, attempt.worker));
        log.debug("Invoked {} {} -> {} {} in {} ms on '{}'", attempt.function(), type, status, attempt.outcome,
                millis, attempt.worker);
    }

    /** What is known about one invocation so far; written by whichever thread advances it. */
    private static final class Attempt {
        final InvokeCall call;
        final long startedNanos = System.nanoTime();
        volatile InvocationType type;
        volatile boolean registered;
        volatile boolean journalLater;
        volatile String outcome = "unknown";
        volatile String worker = "";
        volatile String name;

        Attempt(InvokeCall call) {
            this.call = call;
        }

        String function() {
            return name != null ? name : call.functionName();
        }

        LambdaError fail(LambdaError error) {
            outcome = error.errorType();
            return error;
        }
    }
}
