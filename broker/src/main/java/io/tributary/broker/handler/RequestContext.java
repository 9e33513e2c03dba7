package io.tributary.broker.handler;

import io.tributary.broker.network.ConnectionInfo;
import io.tributary.wire.RequestHeader;

/**
 * What a handler knows about a request besides its body: its header, the connection it came on
 * (and so the listener, whose endpoints Metadata answers with), and when it arrived.
 *
 * @param receivedMs wall-clock time of arrival, for timestamps that leave the process
 * @param receivedNs monotonic time of arrival, for timeouts
 */
public record RequestContext(RequestHeader header, ConnectionInfo connection, long receivedMs, long receivedNs) {

    public String listenerName() {
        return connection.listenerName();
    }

    public String clientId() {
        return header.clientId();
    }
}
