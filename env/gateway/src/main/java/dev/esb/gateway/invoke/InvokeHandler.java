package dev.esb.gateway.invoke;

import java.util.ArrayDeque;
import java.util.List;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;

import dev.esb.gateway.http.Responses;

/**
 * Routes the requests of one HTTPS connection: {@code GET /health} and the Invoke API.
 *
 * <p>Requests of a connection are answered in order, one at a time, as HTTP/1.1 pipelining requires: a request that
 * arrives while another is running waits in this handler.
 */
final class InvokeHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(InvokeHandler.class);
    private static final Pattern INVOKE_PATH = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");

    private final Invoker invoker;
    private final IntSupplier functionCount;
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean running;

    InvokeHandler(Invoker invoker, IntSupplier functionCount) {
        super(false);
        this.invoker = invoker;
        this.functionCount = functionCount;
    }

    /** The decoded function name in an Invoke URI, or the raw path when it is not one. */
    static String functionNameOf(String uri) {
        String path = new QueryStringDecoder(uri).rawPath();
        Matcher matcher = INVOKE_PATH.matcher(path);
        return matcher.matches() ? QueryStringDecoder.decodeComponent(matcher.group(1)) : path;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        waiting.add(request);
        if (!running) {
            serveNext(ctx);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        waiting.forEach(FullHttpRequest::release);
        waiting.clear();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException && cause.getCause() instanceof SSLException) {
            log.debug("Closed {} after a failed TLS handshake", ctx.channel().remoteAddress(), cause);
        } else {
            log.debug("Closed {} after an error", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    private void serveNext(ChannelHandlerContext ctx) {
        FullHttpRequest request = waiting.poll();
        if (request == null) {
            running = false;
            return;
        }
        running = true;
        String requestId = UUID.randomUUID().toString();

        if (request.decoderResult().isFailure()) {
            request.release();
            InvocationResponse refused = invoker.refuse(requestId, "-",
                    LambdaError.badRequest("Malformed HTTP request: " + request.decoderResult().cause()));
            Responses.writeAndClose(ctx, toHttp(refused));
            return;
        }

        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        Matcher invoke = INVOKE_PATH.matcher(uri.rawPath());
        try {
            if (invoke.matches() && HttpMethod.POST.equals(request.method())) {
                InvokeCall call = new InvokeCall(requestId, QueryStringDecoder.decodeComponent(invoke.group(1)),
                        first(uri, "Qualifier"), request.headers().get("X-Amz-Invocation-Type"),
                        request.headers().get("X-Amz-Log-Type"), ByteBufUtil.getBytes(request.content()));
                invoker.invoke(call).whenComplete((response, error) -> ctx.executor().execute(() ->
                        respond(ctx, response != null ? response
                                : LambdaError.internal("Internal error: " + error).toResponse(requestId))));
            } else if ("/health".equals(uri.path()) && HttpMethod.GET.equals(request.method())) {
                ctx.writeAndFlush(Responses.json(200, "{\"status\":\"ok\",\"functions\":"
                        + functionCount.getAsInt() + "}")).addListener(done -> serveNext(ctx));
            } else {
                respond(ctx, invoker.refuse(requestId, uri.path(),
                        LambdaError.unknownOperation(request.method().name(), uri.path())));
            }
        } finally {
            request.release();
        }
    }

    private void respond(ChannelHandlerContext ctx, InvocationResponse response) {
        ctx.writeAndFlush(toHttp(response)).addListener(done -> serveNext(ctx));
    }

    private static FullHttpResponse toHttp(InvocationResponse response) {
        return Responses.of(response.status(), response.headers(), response.body());
    }

    private static String first(QueryStringDecoder uri, String name) {
        List<String> values = uri.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
