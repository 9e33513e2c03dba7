package io.tributary.wire.api.allocateproducerids;

/** An AllocateProducerIds request: a broker asking the controller for a block of producer ids. */
public record AllocateProducerIdsRequest(int brokerId, long brokerEpoch) {
}
