package dev.esb.gateway.control;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;

import dev.esb.gateway.dispatch.WorkerPool;
import dev.esb.gateway.http.Responses;
import dev.esb.gateway.registry.FunctionDefinition;
import dev.esb.gateway.registry.FunctionRegistry;
import dev.esb.gateway.registry.RegisteredFunction;

/** Serves the control API; every answer is JSON except the metrics. */
final class ControlHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(ControlHandler.class);
    private static final Pattern FUNCTION_PATH = Pattern.compile("/esb/functions/([^/]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FunctionRegistry registry;
    private final MetricsExposition metrics;

    ControlHandler(FunctionRegistry registry, MetricsExposition metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        FullHttpResponse response;
        try {
            response = route(request);
        } catch (IllegalArgumentException e) {
            response = error(400, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Failed to serve control request {} {}", request.method(), request.uri(), e);
            response = error(500, "internal error: " + e);
        }
        ctx.writeAndFlush(response);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Closed control connection {} after an error", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }

    private FullHttpResponse route(FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            return error(400, "malformed HTTP request: " + request.decoderResult().cause());
        }
        String path = new QueryStringDecoder(request.uri()).rawPath();
        HttpMethod method = request.method();
        Matcher function = FUNCTION_PATH.matcher(path);

        if ("/health".equals(path)) {
            return only(method, HttpMethod.GET, () -> Responses.json(200, "{\"status\":\"ok\"}"));
        }
        if ("/esb/metrics".equals(path)) {
            return only(method, HttpMethod.GET,
                    () -> Responses.text(200, MetricsExposition.CONTENT_TYPE, metrics.render()));
        }
        if ("/esb/functions".equals(path) || "/esb/functions/".equals(path)) {
            return only(method, HttpMethod.GET, this::list);
        }
        if (function.matches()) {
            String name = FunctionDefinition.requireValidName(QueryStringDecoder.decodeComponent(function.group(1)));
            if (HttpMethod.PUT.equals(method)) {
                return put(name, request);
            }
            if (HttpMethod.DELETE.equals(method)) {
                return registry.remove(name) ? Responses.of(204, Map.of(), new byte[0]) : notFound(name);
            }
            if (HttpMethod.GET.equals(method)) {
                return registry.find(name).map(found -> json(200, view(found))).orElseGet(() -> notFound(name));
            }
            return methodNotAllowed(method, "GET, PUT, DELETE");
        }
        return error(404, "path: '" + path + "' (expected: /esb/functions, /esb/functions/{name}, /esb/metrics "
                + "or /health)");
    }

    private FullHttpResponse put(String name, FullHttpRequest request) {
        JsonNode body;
        try (var input = new ByteBufInputStream(request.content())) {
            body = JSON.readTree((InputStream) input);
        } catch (IOException e) {
            throw new IllegalArgumentException("body: not JSON (expected: {\"workers\":[\"host:port\",...],"
                    + "\"timeoutSeconds\":N}): " + e.getMessage().lines().findFirst().orElse(""));
        }
        FunctionDefinition definition = FunctionDefinition.fromJson(name, body);
        boolean created = registry.put(definition);
        return json(created ? 201 : 200, view(registry.find(name).orElseThrow()));
    }

    private FullHttpResponse list() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode functions = root.putArray("functions");
        registry.all().forEach(function -> functions.add(view(function)));
        return json(200, root);
    }

    private static ObjectNode view(RegisteredFunction function) {
        FunctionDefinition definition = function.definition();
        WorkerPool.Snapshot pool = function.pool().snapshot();
        ObjectNode node = JSON.createObjectNode();
        node.put("name", definition.name());
        ArrayNode workers = node.putArray("workers");
        definition.workers().forEach(worker -> workers.add(worker.toString()));
        node.put("timeoutSeconds", definition.timeoutSeconds());
        node.put("busy", pool.busy());
        node.put("queued", pool.queuedSync());
        node.put("queuedEvents", pool.queuedEvent());
        return node;
    }

    private static FullHttpResponse only(HttpMethod actual, HttpMethod allowed,
            Supplier<FullHttpResponse> action) {
        return allowed.equals(actual) ? action.get() : methodNotAllowed(actual, allowed.name());
    }

    private static FullHttpResponse methodNotAllowed(HttpMethod method, String allowed) {
        FullHttpResponse response = error(405, "method: '" + method + "' (expected: " + allowed + ")");
        response.headers().set("Allow", allowed);
        return response;
    }

    private static FullHttpResponse notFound(String name) {
        return error(404, "function: '" + name + "' (expected: a registered function; see GET /esb/functions)");
    }

    private static FullHttpResponse error(int status, String message) {
        return json(status, JSON.createObjectNode().put("error", message));
    }

    private static FullHttpResponse json(int status, JsonNode node) {
        try {
            return Responses.json(status, JSON.writeValueAsString(node));
        } catch (IOException e) {
            throw new IllegalStateException("Failed to serialise control response", e);
        }
    }
}
