package io.tributary.broker.net.client;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.tributary.wire.ClientCodec;
import io.tributary.wire.MalformedResponseException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection to one peer (a controller, or the leader a follower fetches from), speaking the
 * Kafka protocol: requests go out framed by their {@link ClientCodec}, responses come back framed by a
 * {@link ResponseFrameDecoder} and are matched to their requests by correlation id.
 *
 * <p>Obtained from {@link ClientTransport#connect}, which hands it out only once the ApiVersions
 * handshake has told it the peer's version ranges ({@link #peerVersions()}); {@link #send} then picks
 * each request's version with {@link ClientCodec#versionFor}.
 *
 * <p>Rules that keep a connection honest:
 * <ul>
 *   <li>Kafka answers the requests of one connection in the order they were sent. A response whose
 *       correlation id is not that of the oldest request in flight is a protocol error: the connection
 *       closes and every request in flight fails.</li>
 *   <li>At most {@link ClientSettings#maxInFlightRequests()} requests are in flight; beyond that
 *       {@link #send} fails at once with {@link ConnectionBusyException}, so no queue grows without bound.</li>
 *   <li>A request not answered within its timeout fails with {@link RequestTimeoutException}, and the
 *       connection closes: a late answer would otherwise be taken for the next request's.</li>
 *   <li>A response that does not parse, or a frame larger than {@link ClientSettings#responseBytesMax()},
 *       fails its request with {@link MalformedResponseException} and closes the connection.</li>
 *   <li>When the connection closes, for whatever reason, every request in flight fails with
 *       {@link DisconnectedException} and the {@link #onClose} listeners run once, with the cause.</li>
 * </ul>
 *
 * <p>Threading: {@link #send}, {@link #close} and the accessors may be called from any thread. All state
 * of the requests in flight lives on the connection's Netty event loop; the only shared state is the
 * in-flight count (an atomic, so the bound is checked before anything is queued) and the close future.
 * Futures complete, and close listeners run, <em>on the event loop</em>: callbacks must not block (use
 * the {@code ...Async} variants to move heavy work elsewhere). A response's buffers are the connection's
 * own heap copy of the frame and are never reused, so a Fetch response's records stay valid for as long
 * as the caller holds them.
 */
public final class NodeConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeConnection.class);

    private final Channel channel;
    private final EventLoop loop;
    private final String peer;
    private final ClientSettings settings;
    private final AtomicInteger inFlightCount = new AtomicInteger();
    private final AtomicInteger nextCorrelationId = new AtomicInteger();
    /** Completes, with the cause, when the connection has closed and every request in it has failed. */
    private final CompletableFuture<Throwable> closed = new CompletableFuture<>();
    /** Set once, by the handshake, before the connection is handed out. */
    private volatile PeerVersions peerVersions;

    // Confined to the event loop.
    private final ArrayDeque<InFlightRequest<?, ?>> inFlight = new ArrayDeque<>();
    private Throwable closeCause;

    NodeConnection(Channel channel, String peer, ClientSettings settings) {
        this.channel = channel;
        this.loop = channel.eventLoop();
        this.peer = peer;
        this.settings = settings;
    }

    /** The Netty handler that feeds this connection its response frames and close events. */
    ChannelInboundHandlerAdapter inboundHandler() {
        return new Inbound();
    }

    /**
     * Sends {@code request} at the highest version both sides speak (capped at the codec's default) and
     * completes with the decoded response. Never throws: every failure arrives through the future.
     *
     * @param timeoutMs how long to wait for the response once the request is handed to the connection;
     *                  on expiry the future fails with {@link RequestTimeoutException} and the
     *                  connection closes
     * @return a future failed with {@link UnsupportedVersionException} if the peer does not speak the API
     *         at a version we speak, {@link ConnectionBusyException} if {@link ClientSettings#maxInFlightRequests()}
     *         requests are in flight, {@link DisconnectedException} if the connection is or becomes closed,
     *         {@link RequestTimeoutException}, {@link MalformedResponseException} if the answer does not
     *         parse, or {@link IllegalArgumentException} if the request cannot be written at the version
     */
    public <Q, R> CompletableFuture<R> send(ClientCodec<Q, R> codec, Q request, long timeoutMs) {
        PeerVersions versions = peerVersions;
        if (versions == null) {
            throw new IllegalStateException("connection to " + peer + " used before its ApiVersions handshake");
        }
        short version;
        try {
            version = versions.versionFor(codec, peer);
        } catch (UnsupportedVersionException e) {
            return CompletableFuture.failedFuture(e);
        }
        return sendAt(codec, version, request, timeoutMs);
    }

    /** {@link #send} at a version chosen by the caller: the handshake's ApiVersions, which precedes any ranges. */
    <Q, R> CompletableFuture<R> sendAt(ClientCodec<Q, R> codec, short version, Q request, long timeoutMs) {
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("timeoutMs must be positive, was " + timeoutMs);
        }
        CompletableFuture<R> future = new CompletableFuture<>();
        if (closed.isDone()) {
            future.completeExceptionally(disconnected("it is closed", closed.getNow(null), false));
            return future;
        }
        if (!reserveSlot()) {
            future.completeExceptionally(new ConnectionBusyException("connection to " + peer + " already has "
                    + settings.maxInFlightRequests() + " requests in flight (the maximum); " + codec.name() + " not sent"));
            return future;
        }
        int correlationId = nextCorrelationId.getAndIncrement();
        ByteBuffer frame;
        try {
            frame = codec.encodeRequest(version, correlationId, settings.clientId(), request);
        } catch (RuntimeException e) {
            releaseSlot();
            future.completeExceptionally(e);
            return future;
        }
        InFlightRequest<Q, R> r = new InFlightRequest<>(correlationId, codec, version, timeoutMs, future);
        try {
            loop.execute(() -> write(r, frame));
        } catch (RejectedExecutionException e) {
            releaseSlot();
            future.completeExceptionally(disconnected("its event loop has stopped", e, false));
        }
        return future;
    }

    private boolean reserveSlot() {
        while (true) {
            int n = inFlightCount.get();
            if (n >= settings.maxInFlightRequests()) {
                return false;
            }
            if (inFlightCount.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    private void releaseSlot() {
        int after = inFlightCount.decrementAndGet();
        assert after >= 0 : "in-flight count went negative on the connection to " + peer;
    }

    private void write(InFlightRequest<?, ?> r, ByteBuffer frame) {
        assert loop.inEventLoop();
        if (closeCause != null) {
            releaseSlot();
            r.fail(disconnected("it closed before " + r + " was written", closeCause, false));
            return;
        }
        inFlight.addLast(r);
        r.written(loop.schedule(() -> timedOut(r), r.timeoutMs, TimeUnit.MILLISECONDS));
        channel.writeAndFlush(Unpooled.wrappedBuffer(frame)).addListener(f -> {
            if (!f.isSuccess()) {
                // A frame whose write failed never reached the peer whole, so the peer cannot have acted on it.
                r.writeFailed();
                closeOnLoop(new DisconnectedException("writing " + r + " to " + peer + " failed: " + f.cause(), f.cause(), false));
            }
        });
    }

    private void timedOut(InFlightRequest<?, ?> r) {
        if (r.isDone() || closeCause != null) {
            return;
        }
        boolean removed = inFlight.remove(r);
        assert removed : r + " timed out but was not in flight";
        releaseSlot();
        RequestTimeoutException e = new RequestTimeoutException(r + " to " + peer + " got no response within "
                + r.timeoutMs + " ms", null, r.maybeDelivered());
        // Close before failing the request, so that its callbacks see a closed connection and the close
        // listeners hear of the timeout (not of a close those callbacks might ask for).
        closeOnLoop(e);
        r.fail(e);
    }

    private void onFrame(ByteBuffer frame) {
        assert loop.inEventLoop();
        if (closeCause != null) {
            return;
        }
        int correlationId;
        try {
            correlationId = ClientCodec.correlationId(frame);
        } catch (MalformedResponseException e) {
            closeOnLoop(e);
            return;
        }
        InFlightRequest<?, ?> head = inFlight.peekFirst();
        if (head == null) {
            closeOnLoop(new MalformedResponseException("response with correlation id " + correlationId + " from " + peer
                    + " arrived with no request in flight"));
            return;
        }
        if (head.correlationId != correlationId) {
            closeOnLoop(new MalformedResponseException("response correlation id " + correlationId + " from " + peer
                    + " does not match " + head + ", the oldest request in flight"));
            return;
        }
        inFlight.removeFirst();
        // Release the slot before completing, so a callback that sends again sees the room it left.
        releaseSlot();
        Runnable completion;
        try {
            completion = head.decode(frame);
        } catch (RuntimeException e) {
            RuntimeException bad = e instanceof MalformedResponseException ? e
                    : new MalformedResponseException(head + " response from " + peer + " could not be read: " + e, e);
            closeOnLoop(bad);
            head.fail(bad);
            return;
        }
        completion.run();
    }

    /**
     * Closes the connection (if open) and fails every request in flight. The channel is closed first, so
     * that writes still queued in it fail and mark their requests undelivered before they are failed here.
     */
    private void closeOnLoop(Throwable cause) {
        assert loop.inEventLoop();
        if (closeCause != null) {
            return;
        }
        closeCause = cause;
        channel.close();
        int failed = 0;
        InFlightRequest<?, ?> r;
        while ((r = inFlight.pollFirst()) != null) {
            releaseSlot();
            r.fail(disconnected("it closed (" + reason(cause) + ") before " + r + " was answered", cause, r.maybeDelivered()));
            failed++;
        }
        if (cause instanceof OwnerClosed) {
            log.debug("Connection to {} closed by its owner; {} requests in flight failed", peer, failed);
        } else {
            log.info("Connection to {} closed: {}; {} requests in flight failed", peer, reason(cause), failed);
        }
        closed.complete(cause);
    }

    private DisconnectedException disconnected(String what, Throwable cause, boolean maybeDelivered) {
        return new DisconnectedException("connection to " + peer + ": " + what, cause, maybeDelivered);
    }

    private static String reason(Throwable cause) {
        return cause == null ? "no reason given" : cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    void handshakeDone(PeerVersions versions) {
        if (peerVersions != null) {
            throw new IllegalStateException("handshake with " + peer + " done twice");
        }
        peerVersions = versions;
    }

    /** What the peer advertised in its ApiVersions answer. */
    public PeerVersions peerVersions() {
        PeerVersions v = peerVersions;
        if (v == null) {
            throw new IllegalStateException("connection to " + peer + " has not finished its handshake");
        }
        return v;
    }

    /** {@code host:port} as the owner named the peer. */
    public String peer() {
        return peer;
    }

    public SocketAddress remoteAddress() {
        return channel.remoteAddress();
    }

    public boolean isOpen() {
        return !closed.isDone();
    }

    /** Requests sent (or being sent) and not yet answered, failed or timed out. */
    public int inFlightRequests() {
        return inFlightCount.get();
    }

    /**
     * Runs {@code listener} once the connection has closed and every request in flight has failed, with
     * the cause (never null); at once, on this thread, if it already has. Otherwise it runs on the event loop.
     */
    public void onClose(Consumer<Throwable> listener) {
        closed.thenAccept(listener);
    }

    /** Completes with the close cause once the connection has closed. */
    public CompletableFuture<Throwable> closeFuture() {
        return closed.thenApply(c -> c);
    }

    /** Closes the connection; requests in flight fail with {@link DisconnectedException}. Idempotent. */
    @Override
    public void close() {
        close(new OwnerClosed("closed by its owner"));
    }

    /** Closes with a cause of the owner's choosing (for the close listeners and the log line). */
    void close(Throwable cause) {
        if (loop.inEventLoop()) {
            closeOnLoop(cause);
            return;
        }
        try {
            loop.execute(() -> closeOnLoop(cause));
        } catch (RejectedExecutionException e) {
            // The event loop has stopped, which closed the channel and ran channelInactive already.
            channel.close();
        }
    }

    @Override
    public String toString() {
        return "NodeConnection(" + peer + (isOpen() ? "" : ", closed") + ")";
    }

    /** The cause given to close listeners when the owner closed the connection: nothing went wrong. */
    static final class OwnerClosed extends RuntimeException {
        OwnerClosed(String message) {
            super(message, null, false, false);
        }
    }

    private final class Inbound extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            onFrame((ByteBuffer) msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closeOnLoop(new DisconnectedException("connection to " + peer + " was closed by the peer or the network", null, true));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            closeOnLoop(cause);
        }
    }
}
