package io.tributary.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.tributary.wire.ParsedRequest;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: parses each frame, hands it to the dispatcher, and writes the outcomes in
 * request order.
 *
 * <p>Threading: every method runs on the connection's event loop; completions from other threads
 * hop back onto it. That is what makes the sequencer and the deferred queue safe without locks.
 *
 * <p>Backpressure: at most {@code queued.max.requests} requests are open at once. When that many
 * are open, or the socket's outbound buffer is above its high-water mark (the client is not
 * reading), the channel stops reading. Frames already read from the socket when that happens wait
 * in {@code deferred}; it holds at most what one read delivered, because no further read happens
 * until it is empty again.
 *
 * <p>Request bytes ({@link RequestFrame}): each frame stays in the Netty buffer it was read into, is
 * parsed in place, and is released exactly once: by the parse when the frame is malformed or of an
 * unsupported version; when the dispatcher's future completes otherwise (whatever the outcome:
 * a response, none for {@code acks=0}, a close, a failure), even if the connection closed before
 * that, because the handler may still be reading the bytes; and at close for frames deferred and
 * never started. Responses are built anew and never point into their request's frame.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);

    private final String listenerName;
    private final FrameParser parser;
    private final RequestDispatcher dispatcher;
    private final ConnectionRegistry registry;
    private final Consumer<ConnectionInfo> onClosed;
    private final ResponseSequencer sequencer;
    private final ArrayDeque<RequestFrame> deferred = new ArrayDeque<>();

    private ChannelHandlerContext ctx;
    private ConnectionInfo info;
    private boolean admitted;
    private boolean closing;
    private boolean inRead;
    private boolean draining;
    private boolean drainAgain;
    private boolean unflushed;

    ConnectionHandler(String listenerName, int queuedMaxRequests, FrameParser parser, RequestDispatcher dispatcher,
                      ConnectionRegistry registry, Consumer<ConnectionInfo> onClosed) {
        this.listenerName = listenerName;
        this.parser = parser;
        this.dispatcher = dispatcher;
        this.registry = registry;
        this.onClosed = onClosed;
        this.sequencer = new ResponseSequencer(queuedMaxRequests);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        long id = registry.admit(ctx.channel());
        if (id < 0) {
            log.warn("Refusing connection from {}: max.connections reached", ctx.channel().remoteAddress());
            closing = true;
            ctx.close();
            return;
        }
        admitted = true;
        info = new ConnectionInfo(id, listenerName, ctx.channel().remoteAddress());
        log.debug("Connection {} from {} on listener {}", id, info.remoteAddress(), listenerName);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // No copy: the frame stays in Netty's buffer, owned by this connection until its request is done.
        RequestFrame frame = RequestFrame.take((ByteBuf) msg, ctx.alloc());
        if (closing) {
            frame.release();
            return;
        }
        if (!registry.takingRequests()) {
            // Shutting down: requests not yet started are dropped; the client retries after the close.
            frame.release();
            ctx.channel().config().setAutoRead(false);
            return;
        }
        inRead = true;
        try {
            if (!deferred.isEmpty() || !canStartRequest()) {
                deferred.addLast(frame);
            } else {
                start(frame);
            }
            updateReading();
        } finally {
            inRead = false;
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flushIfNeeded();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        drain();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            log.debug("Closing idle connection {} from {} (connections.max.idle.ms)", connectionId(), remote());
            closing = true;
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        int dropped = sequencer.clear();
        registry.requestsFinished(dropped);
        // Frames never started are this connection's alone; frames of requests in flight are released
        // when their handlers finish, since a handler may still be reading them (on another thread).
        RequestFrame f;
        while ((f = deferred.pollFirst()) != null) {
            f.release();
        }
        if (admitted) {
            admitted = false;
            registry.release();
            try {
                onClosed.accept(info);
            } catch (RuntimeException e) {
                log.warn("A listener for the close of connection {} from {} failed", connectionId(), remote(), e);
            }
        }
        log.debug("Connection {} from {} closed", connectionId(), remote());
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            // Resets and broken pipes are the client's business; they are not worth more than DEBUG.
            log.debug("Connection {} from {}: {}", connectionId(), remote(), cause.toString());
        } else {
            log.warn("Closing connection {} from {} after an unexpected error", connectionId(), remote(), cause);
        }
        closing = true;
        ctx.close();
    }

    private boolean canStartRequest() {
        return !closing && !sequencer.full() && ctx.channel().isWritable() && registry.takingRequests();
    }

    private void start(RequestFrame frame) {
        ParsedRequest parsed;
        try {
            parsed = parser.parse(frame.view());
        } catch (RuntimeException e) {
            // The parser promises not to throw; the frame is still ours to give back if it does.
            frame.release();
            throw e;
        }
        ResponseSequencer.Slot slot = sequencer.open();
        registry.requestStarted();
        if (parsed instanceof ParsedRequest.Ok<?, ?> ok) {
            frame.touch(ok.header());
            CompletableFuture<Outcome> future;
            try {
                future = dispatcher.dispatch(ok, info);
            } catch (RuntimeException e) {
                // The dispatcher promises not to throw; if it does, this connection cannot be trusted further.
                log.error("Dispatcher failed on {} from {}; closing the connection", ok.header(), remote(), e);
                future = CompletableFuture.completedFuture(new Outcome.Close("internal error"));
            }
            // The handler is done with the request bytes only once its future completes; not before,
            // even if the connection closes meanwhile.
            future.whenComplete((outcome, error) -> completed(frame, slot, outcome, error));
            return;
        }
        // Nothing decoded from these bytes outlives this point: the replies below are built from the header.
        frame.release();
        if (parsed instanceof ParsedRequest.UnsupportedVersion uv) {
            if (uv.apiVersionsReply() != null) {
                finish(slot, new Outcome.Send(uv.apiVersionsReply()), null);
            } else {
                finish(slot, new Outcome.Close("unsupported version " + uv.header().apiVersion()
                        + " of API key " + uv.header().apiKey()), null);
            }
        } else if (parsed instanceof ParsedRequest.Malformed m) {
            finish(slot, new Outcome.Close("malformed request: " + m.reason()), null);
        } else {
            throw new IllegalStateException("unknown parse result " + parsed);
        }
    }

    /** A dispatched request finished, on any thread: back onto the event loop to release its frame and answer. */
    private void completed(RequestFrame frame, ResponseSequencer.Slot slot, Outcome outcome, Throwable error) {
        if (ctx.executor().inEventLoop()) {
            releaseAndFinish(frame, slot, outcome, error);
            return;
        }
        try {
            ctx.executor().execute(() -> releaseAndFinish(frame, slot, outcome, error));
        } catch (RejectedExecutionException e) {
            // The event loop is gone (the server closed); the connection with it, so only the bytes remain to free.
            frame.release();
        }
    }

    private void releaseAndFinish(RequestFrame frame, ResponseSequencer.Slot slot, Outcome outcome, Throwable error) {
        frame.release();
        finish(slot, outcome, error);
    }

    private void finish(ResponseSequencer.Slot slot, Outcome outcome, Throwable error) {
        if (closing) {
            return;
        }
        if (error != null || outcome == null) {
            log.error("Request on connection {} from {} failed without a response; closing the connection",
                    connectionId(), remote(), error);
            outcome = new Outcome.Close("internal error");
        }
        sequencer.complete(slot, outcome);
        drain();
    }

    /**
     * Writes every outcome that is ready, then starts deferred frames while there is room. Re-entrant
     * calls (a deferred frame that completes at once) only mark another pass, so the stack stays flat.
     */
    private void drain() {
        if (draining) {
            drainAgain = true;
            return;
        }
        draining = true;
        try {
            do {
                drainAgain = false;
                Outcome o;
                while (!closing && (o = sequencer.pollReady()) != null) {
                    registry.requestsFinished(1);
                    if (o instanceof Outcome.Send send) {
                        ResponseWriter.write(ctx, send.frame());
                        unflushed = true;
                    } else if (o instanceof Outcome.Close close) {
                        log.info("Closing connection {} from {}: {}", connectionId(), remote(), close.reason());
                        closing = true;
                        flushIfNeeded();
                        ctx.close();
                        return;
                    }
                }
                while (!deferred.isEmpty() && canStartRequest()) {
                    start(deferred.pollFirst());
                }
            } while (drainAgain && !closing);
            if (!inRead) {
                flushIfNeeded();
            }
            updateReading();
        } finally {
            draining = false;
        }
    }

    private void flushIfNeeded() {
        if (unflushed) {
            unflushed = false;
            ctx.flush();
        }
    }

    private void updateReading() {
        if (closing) {
            return;
        }
        boolean want = deferred.isEmpty() && canStartRequest();
        if (ctx.channel().config().isAutoRead() != want) {
            ctx.channel().config().setAutoRead(want);
        }
    }

    private long connectionId() {
        return info == null ? -1 : info.connectionId();
    }

    private Object remote() {
        return ctx == null ? "?" : ctx.channel().remoteAddress();
    }
}
