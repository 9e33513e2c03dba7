package io.tributary.metadata.controller.api;

/** The new broker epoch, or an error (then epoch -1). */
public record RegisterBrokerResponse(ApiError error, long brokerEpoch) {
}
