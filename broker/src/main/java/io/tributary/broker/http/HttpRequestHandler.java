package io.tributary.broker.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP connection: checks the request, finds its route, runs the route on a work executor (off
 * the event loop: the peer one for a route that {@link HttpRoute#waitsOnPeers() waits on peers}) and
 * writes the answer. Every refusal is one status and one line naming its cause:
 * 400 for bytes that are not HTTP, 414 and 431 for a request line or headers past their bound, 405 for
 * a method other than GET or HEAD, 404 for an unknown path (listing the known ones), 503 when the work
 * queue is full, 500 when a route fails. A connection that sent something unparseable is closed after
 * its answer; the listener and the broker go on.
 */
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(HttpRequestHandler.class);

    private final HttpRouter router;
    private final Executor work;
    private final Executor peerWork;

    HttpRequestHandler(HttpRouter router, Executor work, Executor peerWork) {
        this.router = router;
        this.work = work;
        this.peerWork = peerWork;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            HttpResponseStatus status = cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                    : cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                    : HttpResponseStatus.BAD_REQUEST;
            send(ctx, false, false, HttpReply.text(status, "not a valid HTTP/1.1 request: " + message(cause)));
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        boolean head = request.method().equals(HttpMethod.HEAD);
        if (!head && !request.method().equals(HttpMethod.GET)) {
            send(ctx, keepAlive, false, HttpReply.text(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "method " + request.method() + " is not served here; use GET"));
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        Optional<HttpRoute> route = router.find(path);
        if (route.isEmpty()) {
            send(ctx, keepAlive, head, HttpReply.text(HttpResponseStatus.NOT_FOUND, "no such path: " + path + " (served: "
                    + router.paths() + ")"));
            return;
        }
        // The route runs off the event loop; it gets its own reference to the request, released when it is done.
        FullHttpRequest held = request.retain();
        try {
            (route.get().waitsOnPeers() ? peerWork : work).execute(() -> {
                HttpReply reply;
                try {
                    reply = route.get().handle(held);
                } catch (Exception | Error e) {
                    log.warn("HTTP {} {} failed", held.method(), path, e);
                    reply = HttpReply.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "the broker failed to answer " + path + ": "
                            + message(e));
                } finally {
                    held.release();
                }
                HttpReply answer = reply;
                try {
                    ctx.executor().execute(() -> send(ctx, keepAlive, head, answer));
                } catch (RejectedExecutionException stopping) {
                    // The listener is closing: the connection goes with it, and nobody waits for this answer.
                }
            });
        } catch (RejectedExecutionException e) {
            held.release();
            send(ctx, false, head, HttpReply.text(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "the HTTP listener is busy (too many requests waiting); retry shortly"));
        }
    }

    private static void send(ChannelHandlerContext ctx, boolean keepAlive, boolean head, HttpReply reply) {
        if (!ctx.channel().isActive()) {
            return;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, reply.status(),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(reply.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        if (reply.status().equals(HttpResponseStatus.METHOD_NOT_ALLOWED)) {
            response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
        }
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset by the peer or an oversized frame: this connection ends, nothing else is affected.
        if (cause instanceof TooLongFrameException) {
            send(ctx, false, false, HttpReply.text(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, message(cause)));
        } else {
            log.debug("HTTP connection {} failed", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
