package io.tributary.broker.handler;

/**
 * Told of every request the dispatcher answered (or chose not to answer, as {@code acks=0}), once,
 * with the decoded request and response: what request metrics count. Runs on whichever thread
 * completed the request, so it must be quick and take no lock.
 */
@FunctionalInterface
public interface RequestObserver {

    RequestObserver NONE = (api, request, response, latencyNs, failed) -> { };

    /**
     * @param api       the API's name as Kafka spells it ({@code Produce}, {@code Fetch})
     * @param request   the decoded request body
     * @param response  the decoded response body (an error response when the handler failed)
     * @param latencyNs from the request's arrival at the dispatcher to its response
     * @param failed    the handler failed and the client got {@code UNKNOWN_SERVER_ERROR}
     */
    void completed(String api, Object request, Object response, long latencyNs, boolean failed);
}
