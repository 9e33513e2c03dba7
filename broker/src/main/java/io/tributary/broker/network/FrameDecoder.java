package io.tributary.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits the byte stream into request frames.
 *
 * <p>Byte layout of one frame: {@code int32 size} followed by {@code size} bytes of request (header
 * and body). The size prefix is stripped; the next handler gets exactly the request bytes.
 *
 * <p>A size above {@code socket.request.max.bytes}, or a negative one, means the peer is either
 * hostile or out of step with the framing; nothing after it can be trusted, so the connection is
 * closed with one log line naming the peer, the claimed size and the limit. The check runs on the
 * prefix alone, before any of the frame is buffered, so an oversized claim costs no memory.
 */
final class FrameDecoder extends LengthFieldBasedFrameDecoder {

    private static final Logger log = LoggerFactory.getLogger(FrameDecoder.class);
    private static final int SIZE_PREFIX_BYTES = 4;

    private final int frameBytesMax;
    private boolean rejected;

    FrameDecoder(int frameBytesMax) {
        super(frameBytesMax, 0, SIZE_PREFIX_BYTES, 0, SIZE_PREFIX_BYTES, true);
        this.frameBytesMax = frameBytesMax;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (rejected) {
            in.skipBytes(in.readableBytes());
            return null;
        }
        if (in.readableBytes() >= SIZE_PREFIX_BYTES) {
            int claimed = in.getInt(in.readerIndex());
            if (claimed < 0 || claimed > frameBytesMax) {
                rejected = true;
                in.skipBytes(in.readableBytes());
                if (claimed < 0) {
                    log.info("Closing connection from {}: malformed frame with negative size {}",
                            ctx.channel().remoteAddress(), claimed);
                } else {
                    log.warn("Closing connection from {}: request of {} bytes exceeds socket.request.max.bytes={}",
                            ctx.channel().remoteAddress(), claimed, frameBytesMax);
                }
                ctx.close();
                return null;
            }
        }
        return super.decode(ctx, in);
    }
}
