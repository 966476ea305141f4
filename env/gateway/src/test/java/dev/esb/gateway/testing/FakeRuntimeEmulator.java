package dev.esb.gateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A worker that answers like the Runtime Interface Emulator, on loopback: one invocation at a time (a second
 * concurrent one gets 400, as the emulator answers), a handler error as 200 with the runtime client's error JSON,
 * a timeout as 200 with {@code Task timed out after N.00 seconds}, and START/END/REPORT lines in its output.
 *
 * <p>The handler reads the event's {@code action}: {@code echo} (default) returns the event, {@code fail} raises,
 * {@code hold} waits until {@link #releaseHeld()} or the emulator's timeout, {@code big} returns {@code size} bytes.
 */
public final class FakeRuntimeEmulator implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Duration timeout;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<LogLine> output = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch held = new CountDownLatch(1);

    /** A line the worker printed, with the time it printed it. */
    public record LogLine(Instant time, String text) {
    }

    private FakeRuntimeEmulator(Duration timeout) throws IOException {
        this.timeout = timeout;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/2015-03-31/functions/function/invocations", this::invoke);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** Starts an emulator whose own function timeout is {@code timeout}, like AWS_LAMBDA_FUNCTION_TIMEOUT. */
    public static FakeRuntimeEmulator start(Duration timeout) throws IOException {
        return new FakeRuntimeEmulator(timeout);
    }

    /** {@code 127.0.0.1:port}, as the agent would register it. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Lets every held invocation, and every later one, finish. */
    public void releaseHeld() {
        held.countDown();
    }

    /** Invocations running right now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** How often a request arrived while another was running: must stay 0 behind the gateway. */
    public int overlaps() {
        return overlaps.get();
    }

    /** Invocations completed. */
    public int served() {
        return served.get();
    }

    /** The events received, in order. */
    public List<String> events() {
        return List.copyOf(events);
    }

    /** The lines printed at or after {@code since}. */
    public List<String> outputSince(Instant since) {
        List<String> lines = new ArrayList<>();
        output.stream().filter(line -> !line.time().isBefore(since)).forEach(line -> lines.add(line.text()));
        return lines;
    }

    private void invoke(HttpExchange exchange) throws IOException {
        byte[] event;
        try (InputStream body = exchange.getRequestBody()) {
            event = body.readAllBytes();
        }
        if (inFlight.incrementAndGet() > 1) {
            overlaps.incrementAndGet();
            inFlight.decrementAndGet();
            reply(exchange, 400, new byte[0]);
            return;
        }
        try {
            String requestId = UUID.randomUUID().toString();
            print("START RequestId: " + requestId + " Version: $LATEST");
            byte[] result = run(event);
            print("END RequestId: " + requestId);
            print("REPORT RequestId: " + requestId + "\tDuration: 1.00 ms");
            served.incrementAndGet();
            inFlight.decrementAndGet();
            reply(exchange, 200, result);
        } catch (InterruptedException e) {
            inFlight.decrementAndGet();
            Thread.currentThread().interrupt();
            reply(exchange, 500, new byte[0]);
        }
    }

    private byte[] run(byte[] event) throws InterruptedException, IOException {
        String text = new String(event, StandardCharsets.UTF_8);
        events.add(text);
        JsonNode json = JSON.readTree(event);
        String action = json.path("action").asText("echo");
        print("handling " + action);
        switch (action) {
            case "fail" -> {
                return ("{\"errorMessage\": \"boom: " + json.path("message").asText("failed") + "\", "
                        + "\"errorType\": \"RuntimeError\", \"requestId\": \"\", \"stackTrace\": "
                        + "[\"  File \\\"/var/task/app.py\\\", line 3, in handler\\n\"]}")
                        .getBytes(StandardCharsets.UTF_8);
            }
            case "hold" -> {
                if (!held.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    return ("Task timed out after " + timeout.toSeconds() + ".00 seconds")
                            .getBytes(StandardCharsets.UTF_8);
                }
                return event;
            }
            case "big" -> {
                return ("\"" + "x".repeat(json.path("size").asInt()) + "\"").getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                return event;
            }
        }
    }

    private void print(String line) {
        output.add(new LogLine(Instant.now(), line));
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        releaseHeld();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
