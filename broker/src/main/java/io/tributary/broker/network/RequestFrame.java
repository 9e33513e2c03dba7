package io.tributary.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request's bytes, owned by its connection from the socket read until the request is done.
 *
 * <p>Byte layout: the request header and body exactly as the client sent them; {@link FrameDecoder}
 * has already stripped the 4-byte size prefix.
 *
 * <p>Why it exists: decoded requests are views of these bytes (Produce record data is a slice of
 * the frame, and the log stamps base offsets and the leader epoch into it in place), so the bytes
 * must stay put until the request's handler is finished with them, however the request ends. The
 * memory is Netty's (normally a slice of the direct buffer the socket was read into), so nothing is
 * copied onto the heap, and a direct buffer reaches {@code FileChannel.write} without the JDK's
 * temporary copy either.
 *
 * <p>Life: read (owned by the connection, maybe deferred) → viewed (the parser and the handler see
 * {@link #view()}) → released, exactly once. Who releases: the connection, when the dispatcher's
 * future completes (answered, no response, or failed), or at once for a frame that does not parse,
 * or when the connection closes for a frame never started. A second release is a bug and is refused
 * loudly, since it would free memory another request may already be using.
 */
final class RequestFrame {

    private final ByteBuf buf;
    private final ByteBuffer view;
    private final AtomicBoolean released = new AtomicBoolean();

    private RequestFrame(ByteBuf buf) {
        this.buf = buf;
        this.view = buf.nioBuffer();
        if (view.remaining() != buf.readableBytes()) {
            throw new IllegalStateException("frame view holds " + view.remaining() + " bytes but the frame " + buf.readableBytes());
        }
    }

    /**
     * Takes ownership of {@code msg} (a frame from {@link FrameDecoder}). A frame that is not one
     * contiguous writable region (a composite buffer, or a read-only one) is copied once into a
     * buffer from {@code alloc}, so {@link #view()} is always one writable {@link ByteBuffer}; the
     * decoder's own frames are slices of one buffer and need no copy.
     */
    static RequestFrame take(ByteBuf msg, ByteBufAllocator alloc) {
        if (msg.nioBufferCount() == 1 && !msg.isReadOnly()) {
            return new RequestFrame(msg);
        }
        ByteBuf copy = null;
        try {
            copy = alloc.directBuffer(msg.readableBytes());
            copy.writeBytes(msg, msg.readerIndex(), msg.readableBytes());
            RequestFrame frame = new RequestFrame(copy);
            copy = null;
            return frame;
        } finally {
            msg.release();
            if (copy != null) {
                copy.release();
            }
        }
    }

    /**
     * The request bytes, position 0 to limit = size. Each call shares the same bytes; callers that
     * move the position take a {@link ByteBuffer#duplicate()}. Valid only until {@link #release()}.
     */
    ByteBuffer view() {
        if (released.get()) {
            throw new IllegalStateException("request frame used after release");
        }
        return view.duplicate();
    }

    /**
     * Records what these bytes turned out to be (the request header), so that a leak report from
     * Netty's detector names the request whose frame was never released. Free unless leak detection
     * is at its advanced or paranoid level.
     */
    void touch(Object hint) {
        buf.touch(hint);
    }

    /** Gives the bytes back to Netty. Exactly once; a second call throws. */
    void release() {
        if (!released.compareAndSet(false, true)) {
            throw new IllegalStateException("request frame released twice");
        }
        buf.release();
    }

    boolean released() {
        return released.get();
    }
}
