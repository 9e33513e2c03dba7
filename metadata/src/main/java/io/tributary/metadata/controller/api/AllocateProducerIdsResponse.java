package io.tributary.metadata.controller.api;

/** The block {@code [producerIdStart, producerIdStart + producerIdLen)}, or an error (then start -1, length 0). */
public record AllocateProducerIdsResponse(ApiError error, long producerIdStart, int producerIdLen) {
}
