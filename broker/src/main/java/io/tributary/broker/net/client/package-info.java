/**
 * The broker's Kafka-protocol client: connections from this node to controllers (now) and, for replica
 * fetching, to other brokers.
 *
 * <ul>
 *   <li>{@link io.tributary.broker.net.client.ClientTransport}: event loops (epoll or NIO, as the server)
 *       and {@code connect(host, port, settings)}, which completes with a {@link io.tributary.broker.net.client.NodeConnection}
 *       once the ApiVersions handshake (with the KIP-511 fallback) has told it the peer's versions.</li>
 *   <li>{@link io.tributary.broker.net.client.NodeConnection}: {@code send(codec, request, timeoutMs)} at the
 *       highest version both sides speak; responses matched in order by correlation id; at most
 *       {@code maxInFlightRequests} in flight (then {@link io.tributary.broker.net.client.ConnectionBusyException}
 *       at once); a timeout, a malformed or oversized response, or a peer going away closes the connection,
 *       fails every request in flight, and runs the {@code onClose} listeners.</li>
 *   <li>{@link io.tributary.broker.net.client.ControllerDiscovery}: one per node; finds the active controller
 *       among {@code controller.quorum.voters} for every client of the node, so that what one client learns the
 *       others use at once; paces its rounds by {@link io.tributary.broker.net.client.DiscoveryBackoff} (capped,
 *       jittered, shorter while the voters report an election).</li>
 *   <li>{@link io.tributary.broker.net.client.ControllerClient}: one connection to the controller its discovery
 *       names, followed when it moves; retries requests by their {@link io.tributary.broker.net.client.RetryRule}
 *       until the caller's deadline; announces every new controller connection.</li>
 * </ul>
 *
 * <p>Every failure a caller sees from the network is a {@link io.tributary.broker.net.client.NetworkClientException}
 * that says whether the peer may have received the request ({@code maybeDelivered}) and whether trying again
 * can help ({@code retriable}), except a response that does not parse
 * ({@link io.tributary.wire.MalformedResponseException}) and a request its version cannot carry
 * ({@link IllegalArgumentException}).
 *
 * <p>Futures complete, and listeners run, on Netty event loops: callbacks must not block.
 */
package io.tributary.broker.net.client;
