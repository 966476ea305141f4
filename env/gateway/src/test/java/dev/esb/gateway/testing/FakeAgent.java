package dev.esb.gateway.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;

/** The agent's log endpoint on loopback, serving the output of fake emulators by their address. */
public final class FakeAgent implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, FakeRuntimeEmulator> workers = new ConcurrentHashMap<>();

    private FakeAgent() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/esb/tasks/logs", exchange -> {
            Map<String, String> query = new HashMap<>();
            for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                String[] parts = pair.split("=", 2);
                query.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
            }
            FakeRuntimeEmulator worker = workers.get(query.get("worker"));
            if (worker == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            Instant since = Instant.ofEpochMilli(Long.parseLong(query.get("since")));
            byte[] body = (String.join("\n", worker.outputSince(since)) + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** Starts the agent on an ephemeral loopback port. */
    public static FakeAgent start() throws IOException {
        return new FakeAgent();
    }

    /** Makes the worker's output available. */
    public FakeAgent serving(FakeRuntimeEmulator worker) {
        workers.put(worker.address(), worker);
        return this;
    }

    /** The base URL, as AGENT_URL. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
