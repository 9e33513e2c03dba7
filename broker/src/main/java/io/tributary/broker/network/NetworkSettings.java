package io.tributary.broker.network;

import io.tributary.broker.config.BrokerConfig;

/**
 * The network layer's knobs, taken from the broker config once so that the server does not depend
 * on the whole config.
 *
 * @param frameBytesMax       {@code socket.request.max.bytes}
 * @param queuedMaxRequests   {@code queued.max.requests}: requests in flight per connection
 * @param networkThreads      {@code num.network.threads}
 * @param sendBufferBytes     {@code socket.send.buffer.bytes}, -1 for the OS default
 * @param receiveBufferBytes  {@code socket.receive.buffer.bytes}, -1 for the OS default
 * @param listenBacklog       {@code socket.listen.backlog.size}
 * @param maxConnections      {@code max.connections}
 * @param connectionsMaxIdleMs {@code connections.max.idle.ms}, -1 for never
 */
public record NetworkSettings(int frameBytesMax, int queuedMaxRequests, int networkThreads, int sendBufferBytes,
                              int receiveBufferBytes, int listenBacklog, int maxConnections, long connectionsMaxIdleMs) {

    public static NetworkSettings from(BrokerConfig c) {
        return new NetworkSettings(c.socketRequestMaxBytes(), c.queuedMaxRequests(), c.numNetworkThreads(),
                c.socketSendBufferBytes(), c.socketReceiveBufferBytes(), c.socketListenBacklogSize(),
                c.maxConnections(), c.connectionsMaxIdleMs());
    }
}
