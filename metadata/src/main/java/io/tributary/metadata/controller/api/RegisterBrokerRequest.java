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
 */
public record RegisterBrokerRequest(int brokerId, String clusterId, UUID incarnationId, List<BrokerEndpoint> listeners,
                                    String rack) implements ControllerCommand<RegisterBrokerResponse> {

    public RegisterBrokerRequest {
        Objects.requireNonNull(incarnationId, "incarnationId");
        listeners = List.copyOf(listeners);
    }
}
