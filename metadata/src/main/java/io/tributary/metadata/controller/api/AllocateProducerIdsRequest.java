package io.tributary.metadata.controller.api;

/** A broker asks for a block of producer ids (for idempotent producers). */
public record AllocateProducerIdsRequest(int brokerId, long brokerEpoch)
        implements ControllerCommand<AllocateProducerIdsResponse> {
}
