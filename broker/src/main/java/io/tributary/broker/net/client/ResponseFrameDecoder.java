package io.tributary.broker.net.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tributary.wire.MalformedResponseException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Splits the bytes a peer sends into response frames, each copied once into a heap buffer of its own.
 *
 * <p>Byte layout of the stream (big-endian):
 * <pre>
 *   repeated:
 *     int32   size    of the response that follows; 4 &lt;= size &lt;= responseBytesMax
 *     bytes   response header and body ({@code size} bytes)
 * </pre>
 * Each frame goes to the next handler as a {@link ByteBuffer} holding exactly the {@code size} bytes
 * after the prefix (position 0). The buffer belongs to the receiver and is never reused or released,
 * so a decoded response that keeps slices of it (Fetch record data) stays valid for as long as anyone
 * holds it, with no reference counting to get wrong. The price is one copy, from Netty's read buffer
 * into the heap, which is also the only copy.
 *
 * <p>A size below 4 (too short for a correlation id) or above {@code responseBytesMax} means the peer
 * is out of step with the framing or hostile; nothing after it can be trusted, so the decoder stops
 * reading, drops what follows and raises a {@link MalformedResponseException}, on which the connection
 * closes. The frame's array grows as bytes arrive instead of being allocated at the claimed size, so a
 * peer that announces a large frame and stalls costs only what it really sent.
 */
final class ResponseFrameDecoder extends ChannelInboundHandlerAdapter {

    private static final int SIZE_PREFIX_BYTES = 4;
    /** The first allocation for a frame's bytes; enough for every answer except large Fetch responses. */
    private static final int INITIAL_FRAME_BYTES = 64 * 1024;

    private final int responseBytesMax;
    private final byte[] prefix = new byte[SIZE_PREFIX_BYTES];
    private int prefixFilled;
    /** The frame being filled, null while reading a size prefix. */
    private byte[] frame;
    private int frameSize;
    private int frameFilled;
    private boolean failed;

    ResponseFrameDecoder(int responseBytesMax) {
        if (responseBytesMax < ClientSettings.RESPONSE_BYTES_MIN) {
            throw new IllegalArgumentException("responseBytesMax " + responseBytesMax + " is below " + ClientSettings.RESPONSE_BYTES_MIN);
        }
        this.responseBytesMax = responseBytesMax;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            while (in.isReadable() && !failed) {
                if (frame == null) {
                    readPrefix(ctx, in);
                } else {
                    readBody(ctx, in);
                }
            }
        } finally {
            in.release();
        }
    }

    private void readPrefix(ChannelHandlerContext ctx, ByteBuf in) {
        int n = Math.min(SIZE_PREFIX_BYTES - prefixFilled, in.readableBytes());
        in.readBytes(prefix, prefixFilled, n);
        prefixFilled += n;
        if (prefixFilled < SIZE_PREFIX_BYTES) {
            return;
        }
        int size = ByteBuffer.wrap(prefix).getInt();
        prefixFilled = 0;
        if (size < ClientSettings.RESPONSE_BYTES_MIN || size > responseBytesMax) {
            failed = true;
            ctx.fireExceptionCaught(new MalformedResponseException(size > responseBytesMax
                    ? "response of " + size + " bytes exceeds the limit of " + responseBytesMax + " bytes"
                    : "response frame size " + size + " is too small for a correlation id"));
            return;
        }
        frameSize = size;
        frameFilled = 0;
        frame = new byte[Math.min(size, INITIAL_FRAME_BYTES)];
    }

    private void readBody(ChannelHandlerContext ctx, ByteBuf in) {
        int n = Math.min(frameSize - frameFilled, in.readableBytes());
        if (frameFilled + n > frame.length) {
            // Grow by doubling, never beyond the announced size: amortised linear copying.
            int grown = (int) Math.min(frameSize, Math.max((long) frame.length * 2, (long) frameFilled + n));
            frame = Arrays.copyOf(frame, grown);
        }
        in.readBytes(frame, frameFilled, n);
        frameFilled += n;
        if (frameFilled == frameSize) {
            assert frame.length == frameSize : "frame array " + frame.length + " != announced size " + frameSize;
            ByteBuffer complete = ByteBuffer.wrap(frame);
            frame = null;
            ctx.fireChannelRead(complete);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        // A frame cut short by the close is dropped: its request fails with the connection.
        frame = null;
        super.channelInactive(ctx);
    }
}
