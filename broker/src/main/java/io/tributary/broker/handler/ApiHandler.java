package io.tributary.broker.handler;

import java.util.concurrent.CompletableFuture;

/**
 * Handles one Kafka API. Runs on the connection's event loop: it must not block, so anything that
 * waits (the controller, a delayed fetch, the high watermark) returns an incomplete future that
 * completes later on whatever thread finishes the work.
 *
 * <p>A handler may throw or complete exceptionally; the dispatcher then answers with the codec's
 * {@code UNKNOWN_SERVER_ERROR} response and logs one ERROR line, and the connection carries on.
 *
 * @param <Q> the request record from {@code io.tributary.wire.api}
 * @param <R> the response record
 */
public interface ApiHandler<Q, R> {

    CompletableFuture<R> handle(RequestContext ctx, Q request);

    /** Whether the response goes out. Only Produce with {@code acks=0} says otherwise. */
    default ResponseAction responseAction(Q request, R response) {
        return ResponseAction.SEND;
    }

    /** What the connection does with a handler's response. */
    enum ResponseAction {
        /** Send it. */
        SEND,
        /** Send nothing: the client does not expect an answer ({@code acks=0}). */
        NONE,
        /**
         * Send nothing and close the connection: the request failed but the client expects no answer,
         * so closing is the only way it learns something went wrong (Kafka's {@code acks=0} behaviour).
         */
        CLOSE
    }
}
