package io.tributary.metadata.controller.api;

import io.tributary.common.TopicPartition;

import java.util.List;

/**
 * What one leader-imbalance check did.
 *
 * @param moved   the partitions whose leadership goes back to their preferred replica, in image order
 * @param reasons per broker that got partitions back, why: how many of its preferred partitions others
 *                led, against the allowed percentage
 */
public record BalanceLeadersResponse(List<TopicPartition> moved, List<String> reasons) {

    public BalanceLeadersResponse {
        moved = List.copyOf(moved);
        reasons = List.copyOf(reasons);
    }

    public static final BalanceLeadersResponse NOTHING = new BalanceLeadersResponse(List.of(), List.of());
}
