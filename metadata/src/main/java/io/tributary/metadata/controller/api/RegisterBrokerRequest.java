package io.tributary.metadata.controller.api;

import io.tributary.metadata.record.BrokerEndpoint;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A broker registers at startup.
 *
 * @param clusterId the cluster id the broker was formatted with, or {@code null} if it has none yet
 * @param incarnationId random per process start
 * @param rack {@code null} when the broker has no rack
 * @param previousBrokerEpoch the broker epoch the broker had when it last stopped cleanly (it saves it
 *                            at a clean shutdown, KIP-966), or -1: it did not stop cleanly, or never
 *                            ran. Anything but the epoch registered now counts as an unclean
 *                            shutdown, after which the broker may have lost records it had not flushed.
 */
public record RegisterBrokerRequest(int brokerId, String clusterId, UUID incarnationId, List<BrokerEndpoint> listeners,
                                    String rack, long previousBrokerEpoch) implements ControllerCommand<RegisterBrokerResponse> {

    public RegisterBrokerRequest {
        Objects.requireNonNull(incarnationId, "incarnationId");
        listeners = List.copyOf(listeners);
    }

    /** A registration that claims no clean shutdown (a new broker, or one that does not know). */
    public RegisterBrokerRequest(int brokerId, String clusterId, UUID incarnationId, List<BrokerEndpoint> listeners, String rack) {
        this(brokerId, clusterId, incarnationId, listeners, rack, -1);
    }
}
