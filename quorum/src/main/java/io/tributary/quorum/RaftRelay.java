package io.tributary.quorum;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays one Raft connection that arrived on the CONTROLLER port to the local Ratis server on
 * 127.0.0.1, byte for byte, in both directions, on the inbound connection's own event loop (no extra
 * threads, no extra hop between threads).
 *
 * <p>Bounds: neither side auto-reads; each side reads its next buffer only after the previous one
 * was written to the other side, so at most one buffer per direction is in flight and a slow side
 * slows the other instead of filling memory. Either side closing closes the other once its pending
 * bytes are flushed.
 */
final class RaftRelay extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(RaftRelay.class);
    static final String HANDLER_NAME = "tributary-raft-relay";

    private final Channel peer;

    private RaftRelay(Channel peer) {
        this.peer = peer;
    }

    /**
     * Replaces the sniffer in {@code inboundCtx}'s pipeline with a relay to {@code ratisPort}, and
     * sends {@code firstBytes} (already read from the client) ahead of everything else.
     */
    static void start(ChannelHandlerContext inboundCtx, ByteBuf firstBytes, int ratisPort) {
        Channel inbound = inboundCtx.channel();
        inbound.config().setAutoRead(false);
        @SuppressWarnings("unchecked")
        Class<? extends Channel> transport = (Class<? extends Channel>) inbound.getClass();
        Bootstrap bootstrap = new Bootstrap()
                .group(inbound.eventLoop())
                .channel(transport)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new RaftRelay(inbound));
        io.netty.channel.ChannelFuture connect = bootstrap.connect(RatisProperties.LOOPBACK, ratisPort);
        Channel outbound = connect.channel();
        inboundCtx.pipeline().replace(inboundCtx.handler(), HANDLER_NAME, new RaftRelay(outbound));
        connect.addListener((ChannelFutureListener) f -> {
            if (f.isSuccess() && !inbound.isActive()) {
                // The client left while we were connecting.
                firstBytes.release();
                outbound.close();
                return;
            }
            if (!f.isSuccess()) {
                LOG.debug("Closing Raft connection {}: the local Raft server at port {} refused: {}", inbound,
                        ratisPort, String.valueOf(f.cause()));
                firstBytes.release();
                inbound.close();
                return;
            }
            outbound.writeAndFlush(firstBytes).addListener((ChannelFutureListener) w -> {
                if (w.isSuccess()) {
                    inbound.read();
                    outbound.read();
                } else {
                    inbound.close();
                    outbound.close();
                }
            });
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!peer.isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        peer.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                ctx.channel().read();
            } else {
                f.channel().close();
                ctx.channel().close();
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closeOnFlush(peer);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Closing relayed Raft connection {}: {}", ctx.channel(), cause.toString());
        closeOnFlush(ctx.channel());
    }

    private static void closeOnFlush(Channel ch) {
        if (ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
