package io.tributary.wire.api.unregisterbroker;

/** An UnregisterBroker request: an operator removing a broker that is gone for good ({@code kafka-cluster.sh unregister}). */
public record UnregisterBrokerRequest(int brokerId) {
}
