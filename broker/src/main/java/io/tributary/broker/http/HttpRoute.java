package io.tributary.broker.http;

import io.netty.handler.codec.http.FullHttpRequest;

/**
 * One path of the HTTP listener. Runs on one of the listener's work threads, never on an event loop,
 * so it may take a little time (a scrape walks every partition); it must not block for long, since
 * routes share those threads.
 */
@FunctionalInterface
public interface HttpRoute {

    /** Answers a GET or HEAD of this route's path; the request's body, if any, is already bounded. */
    HttpReply handle(FullHttpRequest request) throws Exception;

    /**
     * Whether answering may wait on other brokers (the console's fan-out, up to its peer timeout). Such
     * routes run on a work thread of their own: a scrape, and what other brokers' consoles ask of this
     * one, must never queue behind them, or two consoles asking each other would each wait out the
     * other's timeout.
     */
    default boolean waitsOnPeers() {
        return false;
    }
}
