package io.tributary.broker.network;

import java.net.SocketAddress;

/**
 * Who sent a request: the connection's id (unique for the life of the process), the listener it
 * arrived on, and the peer address, for logs and for answering Metadata with the listener's endpoints.
 */
public record ConnectionInfo(long connectionId, String listenerName, SocketAddress remoteAddress) {
}
