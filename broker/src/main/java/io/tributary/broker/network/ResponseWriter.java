package io.tributary.broker.network;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.tributary.common.records.RecordsSlice;
import io.tributary.wire.ResponseFrame;

/**
 * Writes a {@link ResponseFrame} to a connection: buffers as Netty buffers (wrapped, not copied) and
 * file ranges as file regions, which the transport sends with {@code sendfile}.
 */
final class ResponseWriter {

    private ResponseWriter() {
    }

    /** Writes (without flushing) every chunk; returns the bytes written, which must equal the frame's size. */
    static long write(ChannelHandlerContext ctx, ResponseFrame frame) {
        long total = 0;
        for (RecordsSlice chunk : frame.chunks()) {
            if (chunk instanceof RecordsSlice.Buffer b) {
                if (b.bytes().hasRemaining()) {
                    ctx.write(Unpooled.wrappedBuffer(b.bytes().duplicate()), ctx.voidPromise());
                }
            } else if (chunk instanceof RecordsSlice.FileRange r) {
                if (r.size() > 0) {
                    ctx.write(new LogFileRegion(r.channel(), r.position(), r.size()), ctx.voidPromise());
                }
            }
            total += chunk.sizeInBytes();
        }
        if (total != frame.sizeInBytes()) {
            // The size prefix was computed from sizeInBytes; a mismatch would desynchronise the client.
            throw new IllegalStateException("response frame chunks add up to " + total + " bytes but the frame says "
                    + frame.sizeInBytes());
        }
        return total;
    }
}
