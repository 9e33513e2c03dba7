package io.tributary.metadata.controller.api;

/** An operator removes a broker from the cluster for good. */
public record UnregisterBrokerRequest(int brokerId) implements ControllerCommand<ApiError> {
}
