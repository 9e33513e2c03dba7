package io.tributary.broker.net.client;

import io.tributary.wire.ClientCodec;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * One request written (or about to be written) on a {@link NodeConnection} and not yet answered: what
 * the connection needs to match its response, decode it at the version it was sent at, time it out,
 * and say whether the peer may have received it. Confined to the connection's event loop once it is
 * handed there.
 *
 * <p>Legal transitions: created → written (the write was handed to the socket) → done; created → done
 * (the connection closed before the write); a second completion is ignored, so a timeout that races a
 * response settles the future exactly once.
 */
final class InFlightRequest<Q, R> {

    final int correlationId;
    final ClientCodec<Q, R> codec;
    final short version;
    final long timeoutMs;
    private final CompletableFuture<R> future;
    private ScheduledFuture<?> timeout;
    private boolean writeAttempted;
    private boolean writeFailed;
    private boolean done;

    InFlightRequest(int correlationId, ClientCodec<Q, R> codec, short version, long timeoutMs, CompletableFuture<R> future) {
        this.correlationId = correlationId;
        this.codec = codec;
        this.version = version;
        this.timeoutMs = timeoutMs;
        this.future = future;
    }

    void written(ScheduledFuture<?> timeoutTask) {
        if (done || writeAttempted) {
            throw new IllegalStateException(this + " cannot be written: " + (done ? "already done" : "already written"));
        }
        writeAttempted = true;
        timeout = timeoutTask;
    }

    void writeFailed() {
        writeFailed = true;
    }

    /**
     * Whether the peer may have the whole request: its write was handed to the socket and did not fail.
     * A write still pending when the connection closes counts as delivered, because some of its bytes
     * may be out and nothing proves the frame was cut short.
     */
    boolean maybeDelivered() {
        return writeAttempted && !writeFailed;
    }

    boolean isDone() {
        return done;
    }

    /**
     * Decodes the response at the version the request was sent at, without completing anything yet, and
     * returns the action that completes the future with it. Splitting the two lets the connection close
     * itself on a bad response before any caller's callback runs.
     *
     * @throws RuntimeException ({@link io.tributary.wire.MalformedResponseException} for bytes that do not
     *                          parse) with the future untouched
     */
    Runnable decode(ByteBuffer responseFrame) {
        if (done) {
            throw new IllegalStateException(this + " decoded after it was done");
        }
        R response = codec.decodeResponse(version, responseFrame);
        return () -> {
            finish();
            future.complete(response);
        };
    }

    void fail(Throwable cause) {
        finish();
        future.completeExceptionally(cause);
    }

    private void finish() {
        if (done) {
            throw new IllegalStateException(this + " completed twice");
        }
        done = true;
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    @Override
    public String toString() {
        return codec.name() + " v" + version + " (correlation id " + correlationId + ")";
    }
}
