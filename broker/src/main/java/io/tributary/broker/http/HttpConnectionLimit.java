package io.tributary.broker.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the HTTP listener's open connections. A connection past the bound gets one
 * {@code 503 Service Unavailable} and is closed before anything of it is read, so a runaway
 * dashboard cannot take the broker's memory or file handles.
 */
@ChannelHandler.Sharable
final class HttpConnectionLimit extends ChannelInboundHandlerAdapter {

    private static final byte[] REFUSED = ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Connection: close\r\nContent-Length: 43\r\n\r\ntoo many connections to the HTTP listener\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final int connectionsMax;
    private final AtomicInteger open = new AtomicInteger();

    HttpConnectionLimit(int connectionsMax) {
        this.connectionsMax = connectionsMax;
    }

    int open() {
        return open.get();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (open.incrementAndGet() > connectionsMax) {
            ctx.channel().config().setAutoRead(false);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(REFUSED)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        open.decrementAndGet();
        super.channelInactive(ctx);
    }
}
