package dev.esb.gateway.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/** Builds complete HTTP/1.1 responses with a Content-Length, so that keep-alive connections stay usable. */
public final class Responses {
    private Responses() {
    }

    /** A response with the given status, headers and body. */
    public static FullHttpResponse of(int status, Map<String, String> headers, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
        headers.forEach((name, value) -> response.headers().set(name, value));
        HttpUtil.setContentLength(response, body.length);
        return response;
    }

    /** A JSON response. */
    public static FullHttpResponse json(int status, String json) {
        return of(status, Map.of(HttpHeaderNames.CONTENT_TYPE.toString(), HttpHeaderValues.APPLICATION_JSON.toString()),
                json.getBytes(StandardCharsets.UTF_8));
    }

    /** A plain text response with the given content type. */
    public static FullHttpResponse text(int status, String contentType, String text) {
        return of(status, Map.of(HttpHeaderNames.CONTENT_TYPE.toString(), contentType),
                text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the response and closes the connection after it, for requests the server cannot continue after. */
    public static ChannelFuture writeAndClose(ChannelHandlerContext ctx, FullHttpResponse response) {
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
