package io.tributary.broker.net.client;

/**
 * The connection already has its maximum number of requests in flight
 * ({@link ClientSettings#maxInFlightRequests()}). The request was not sent; the caller may try again
 * once earlier requests have been answered. Failing fast here, instead of queueing, keeps every queue
 * between the broker and its peers bounded.
 */
public final class ConnectionBusyException extends NetworkClientException {

    ConnectionBusyException(String message) {
        super(message, null, false);
    }

    @Override
    public boolean retriable() {
        return true;
    }
}
