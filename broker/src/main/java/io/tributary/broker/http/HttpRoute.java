package io.tributary.broker.http;

import io.netty.handler.codec.http.FullHttpRequest;

/**
 * One path of the HTTP listener. Runs on the listener's work thread, never on an event loop, so it may
 * take a little time (a scrape walks every partition); it must not block for long, since routes share
 * that thread.
 */
@FunctionalInterface
public interface HttpRoute {

    /** Answers a GET or HEAD of this route's path; the request's body, if any, is already bounded. */
    HttpReply handle(FullHttpRequest request) throws Exception;
}
