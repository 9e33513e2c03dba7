package io.tributary.metadata.controller.api;

/**
 * The controller's periodic leader-imbalance check ({@code leader.imbalance.check.interval.seconds}):
 * give partitions back to their preferred replicas where a broker's share of partitions led elsewhere
 * exceeds {@code leader.imbalance.per.broker.percentage}. The response says what moved and why.
 */
public record BalanceLeadersRequest() implements ControllerCommand<BalanceLeadersResponse> {
}
