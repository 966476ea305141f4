package dev.esb.gateway.invoke;

import java.util.UUID;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import dev.esb.gateway.http.Responses;

/**
 * Aggregates a request into a {@link FullHttpRequest}, and answers one whose body is over the limit with Lambda's
 * {@code RequestTooLargeException} once the body has been read.
 *
 * <p>Netty's own aggregator answers an oversized request at once with a plain 413 and may close the connection
 * while the client is still writing; an SDK that writes the whole body before reading then sees a broken pipe
 * instead of the error. Reading the body to the end keeps the connection and the answer intact.
 */
final class BoundedRequestAggregator extends ChannelInboundHandlerAdapter {
    private final int limit;
    private final Invoker invoker;
    private HttpRequest start;
    private CompositeByteBuf content;
    private boolean oversized;

    BoundedRequestAggregator(int limit, Invoker invoker) {
        this.limit = limit;
        this.invoker = invoker;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            begin(ctx, request);
        }
        if (msg instanceof HttpContent part) {
            append(ctx, part);
        } else if (!(msg instanceof HttpRequest)) {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        discard();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        discard();
    }

    private void begin(ChannelHandlerContext ctx, HttpRequest request) {
        discard();
        start = request;
        oversized = HttpUtil.getContentLength(request, -1L) > limit;
        content = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);

        if (HttpUtil.is100ContinueExpected(request)) {
            request.headers().remove(HttpHeaderNames.EXPECT);
            if (oversized) {
                // The client holds the body back; answering now and closing is what the expectation is for.
                Responses.writeAndClose(ctx, tooLarge(request));
                discard();
                return;
            }
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
    }

    private void append(ChannelHandlerContext ctx, HttpContent part) {
        try {
            if (start == null) {
                return;
            }
            ByteBuf bytes = part.content();
            if (!oversized && content.readableBytes() + bytes.readableBytes() > limit) {
                oversized = true;
            }
            if (!oversized) {
                content.addComponent(true, bytes.retain());
            }
            if (part instanceof LastHttpContent last) {
                finish(ctx, last);
            }
        } finally {
            ReferenceCountUtil.release(part);
        }
    }

    private void finish(ChannelHandlerContext ctx, LastHttpContent last) {
        HttpRequest request = start;
        if (oversized) {
            ctx.writeAndFlush(tooLarge(request));
            discard();
            return;
        }
        FullHttpRequest full = new DefaultFullHttpRequest(request.protocolVersion(), request.method(),
                request.uri(), content, request.headers(), last.trailingHeaders().copy());
        HttpUtil.setContentLength(full, content.readableBytes());
        full.setDecoderResult(request.decoderResult());
        content = null;
        start = null;
        ctx.fireChannelRead(full);
    }

    private FullHttpResponse tooLarge(HttpRequest request) {
        String requestId = UUID.randomUUID().toString();
        InvocationResponse response = invoker.refuse(requestId, InvokeHandler.functionNameOf(request.uri()),
                LambdaError.requestTooLarge(limit));
        return Responses.of(response.status(), response.headers(), response.body());
    }

    private void discard() {
        if (content != null) {
            content.release();
            content = null;
        }
        start = null;
    }
}
