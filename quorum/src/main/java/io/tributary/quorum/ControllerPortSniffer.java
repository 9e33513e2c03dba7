package io.tributary.quorum;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Shares the CONTROLLER port between Raft and Kafka: placed first in each CONTROLLER connection's
 * pipeline, it looks at the first bytes the client sends.
 *
 * <p>Bytes looked at: a connection that starts with the 24-byte HTTP/2 client preface
 * <pre>
 *   50 52 49 20 2a 20 48 54 54 50 2f 32 2e 30 0d 0a 0d 0a 53 4d 0d 0a 0d 0a   "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
 * </pre>
 * is gRPC, i.e. a Raft peer or a Ratis client: it is relayed byte for byte to the local Ratis
 * server on 127.0.0.1 at {@code ratisPort}, and every handler after this one is removed from the
 * pipeline (they belong to the Kafka protocol). Anything else is Kafka: this handler removes itself
 * and hands the bytes on untouched. A Kafka request starts with its int32 size, and "PRI " read as
 * a size is 1,347,569,952 bytes, beyond any {@code socket.request.max.bytes}; in practice the first
 * byte decides (a Kafka size's top byte is 0 for any request under 16 MiB), so Kafka connections
 * wait for nothing.
 *
 * <p>Events: until it decides, this handler swallows {@code channelActive} and fires it downstream
 * only for a Kafka connection, so the Kafka handlers never see a Raft connection at all. If the
 * channel does not auto-read, it asks for the first read itself. A connection that sends too
 * little to decide within {@code sniffTimeoutMs} is closed.
 *
 * <p>States: SNIFFING → KAFKA (removed) or SNIFFING → RAFT (replaced by the relay) or
 * SNIFFING → CLOSED. One instance per connection (not sharable).
 */
public final class ControllerPortSniffer extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ControllerPortSniffer.class);

    /** What gRPC (HTTP/2 with prior knowledge) sends first on every connection. */
    static final byte[] HTTP2_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    public static final long DEFAULT_SNIFF_TIMEOUT_MS = 10_000;

    private enum State { SNIFFING, KAFKA, RAFT, CLOSED }

    /** What the bytes seen so far say. */
    enum Verdict { NEED_MORE, KAFKA, RAFT }

    private final IntSupplier ratisPort;
    private final long sniffTimeoutMs;
    private State state = State.SNIFFING;
    private ByteBuf buffered;
    private ScheduledFuture<?> timeout;

    /** @param ratisPort the loopback port of the local Ratis server, or a value &lt;= 0 while it is not running */
    public ControllerPortSniffer(IntSupplier ratisPort) {
        this(ratisPort, DEFAULT_SNIFF_TIMEOUT_MS);
    }

    public ControllerPortSniffer(IntSupplier ratisPort, long sniffTimeoutMs) {
        if (sniffTimeoutMs < 1) {
            throw new IllegalArgumentException("sniffTimeoutMs must be positive: " + sniffTimeoutMs);
        }
        this.ratisPort = ratisPort;
        this.sniffTimeoutMs = sniffTimeoutMs;
    }

    /** Classifies the first bytes of a connection. */
    static Verdict classify(ByteBuf firstBytes) {
        int n = Math.min(firstBytes.readableBytes(), HTTP2_PREFACE.length);
        int start = firstBytes.readerIndex();
        for (int i = 0; i < n; i++) {
            if (firstBytes.getByte(start + i) != HTTP2_PREFACE[i]) {
                return Verdict.KAFKA;
            }
        }
        return n == HTTP2_PREFACE.length ? Verdict.RAFT : Verdict.NEED_MORE;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // Held back until the verdict: see the class comment.
        timeout = ctx.executor().schedule(() -> {
            if (state == State.SNIFFING) {
                LOG.debug("Closing {}: no protocol recognised within {} ms", ctx.channel(), sniffTimeoutMs);
                close(ctx);
            }
        }, sniffTimeoutMs, TimeUnit.MILLISECONDS);
        if (!ctx.channel().config().isAutoRead()) {
            ctx.read();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state != State.SNIFFING) {
            // A read that was already on its way when the verdict fell.
            if (state == State.KAFKA) {
                ctx.fireChannelRead(msg);
            } else {
                ReferenceCountUtil.release(msg);
            }
            return;
        }
        if (!(msg instanceof ByteBuf bytes)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (buffered == null) {
            buffered = bytes;
        } else {
            ByteBuf joined = ctx.alloc().buffer(buffered.readableBytes() + bytes.readableBytes());
            joined.writeBytes(buffered).writeBytes(bytes);
            buffered.release();
            bytes.release();
            buffered = joined;
        }
        switch (classify(buffered)) {
            case KAFKA -> becomeKafka(ctx);
            case RAFT -> becomeRelay(ctx);
            case NEED_MORE -> {
                if (!ctx.channel().config().isAutoRead()) {
                    ctx.read();
                }
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (state == State.KAFKA) {
            ctx.fireChannelReadComplete();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // Downstream never saw this connection become active, so it must not see it end either.
        if (state == State.KAFKA) {
            ctx.fireChannelInactive();
            return;
        }
        state = State.CLOSED;
        releaseBuffered();
        cancelTimeout();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (state == State.KAFKA) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        LOG.debug("Closing {} while sniffing its protocol: {}", ctx.channel(), cause.toString());
        close(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseBuffered();
        cancelTimeout();
    }

    private void becomeKafka(ChannelHandlerContext ctx) {
        state = State.KAFKA;
        cancelTimeout();
        ByteBuf data = buffered;
        buffered = null;
        // Leave the pipeline first, so the Kafka handlers see a pipeline without us; the context
        // still passes events on to the handler that followed us.
        ctx.pipeline().remove(this);
        ctx.fireChannelActive();
        ctx.fireChannelRead(data);
        ctx.fireChannelReadComplete();
    }

    private void becomeRelay(ChannelHandlerContext ctx) {
        state = State.RAFT;
        cancelTimeout();
        ByteBuf data = buffered;
        buffered = null;
        int port = ratisPort.getAsInt();
        if (port <= 0) {
            LOG.debug("Closing Raft connection {}: the local Raft server is not running", ctx.channel());
            data.release();
            close(ctx);
            return;
        }
        removeHandlersAfter(ctx);
        RaftRelay.start(ctx, data, port);
    }

    /** Every handler after this one serves the Kafka protocol; a Raft connection needs none of them. */
    private static void removeHandlersAfter(ChannelHandlerContext ctx) {
        ChannelPipeline pipeline = ctx.pipeline();
        List<String> after = new ArrayList<>();
        boolean seen = false;
        for (Map.Entry<String, io.netty.channel.ChannelHandler> e : pipeline) {
            if (seen) {
                after.add(e.getKey());
            } else if (e.getValue() == ctx.handler()) {
                seen = true;
            }
        }
        for (String name : after) {
            pipeline.remove(name);
        }
    }

    private void close(ChannelHandlerContext ctx) {
        state = State.CLOSED;
        releaseBuffered();
        cancelTimeout();
        ctx.close();
    }

    private void releaseBuffered() {
        if (buffered != null) {
            buffered.release();
            buffered = null;
        }
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }
}
