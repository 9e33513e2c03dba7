package io.tributary.broker.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Aggregates a request and its body, refusing a body past {@code bodyBytesMax} the way every other
 * bad request is refused: {@link HttpRequestHandler} answers 413 with one line naming the bound, and
 * closes the connection. Netty's own refusal answers a kept-alive request with an empty 413 and leaves
 * the connection open for the body the client announced, which this listener would only read and
 * throw away; a client that waits for the close then hangs until the idle timeout.
 */
final class HttpBodyBound extends HttpObjectAggregator {

    HttpBodyBound(int bodyBytesMax) {
        super(bodyBytesMax);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        long announced = HttpUtil.getContentLength(oversized, -1L);
        ctx.fireExceptionCaught(new TooLongFrameException("the request body is past its bound of " + maxContentLength()
                + " bytes" + (announced >= 0 ? " (Content-Length: " + announced + ")" : "")));
    }
}
