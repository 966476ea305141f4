package dev.esb.gateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/** A VictoriaLogs stand-in on loopback that records every {@code /insert/jsonline} request it receives. */
public final class FakeVictoriaLogs implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One insert request.
     *
     * @param query the raw query string
     * @param lines the JSON lines of the body
     */
    public record Batch(String query, List<JsonNode> lines) {
    }

    private final HttpServer server;
    private final List<Batch> batches = new CopyOnWriteArrayList<>();

    private FakeVictoriaLogs() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/insert/jsonline", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            List<JsonNode> lines = new ArrayList<>();
            for (String line : body.split("\n")) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line));
                }
            }
            batches.add(new Batch(exchange.getRequestURI().getRawQuery(), lines));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    /** Starts the sink on an ephemeral loopback port. */
    public static FakeVictoriaLogs start() throws IOException {
        return new FakeVictoriaLogs();
    }

    /** The base URL, as VICTORIALOGS_URL. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The requests received so far. */
    public List<Batch> batches() {
        return List.copyOf(batches);
    }

    /** All lines received so far. */
    public List<JsonNode> lines() {
        return batches.stream().flatMap(batch -> batch.lines().stream()).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
