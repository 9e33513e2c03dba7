package io.tributary.coordinator.group;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a classic group, named as Kafka names them to clients (ListGroups, DescribeGroups).
 *
 * <pre>
 *   EMPTY                 --a member joins-->                                  PREPARING_REBALANCE
 *   STABLE                --a member joins, changes, leaves or expires-->      PREPARING_REBALANCE
 *   COMPLETING_REBALANCE  --a member joins, changes, leaves or expires,
 *                           or a member sent no SyncGroup in the rebalance timeout--> PREPARING_REBALANCE
 *   PREPARING_REBALANCE   --every member rejoined, or the rebalance timed out,
 *                           some members left-->                               COMPLETING_REBALANCE
 *   PREPARING_REBALANCE   --... and no member left (record written)-->         EMPTY
 *   COMPLETING_REBALANCE  --the leader's assignment is stored (record written)--> STABLE
 *   STABLE                --a static member replaces its member id (record written)--> STABLE
 *   any                   --deleted, or its offsets all expired while EMPTY (tombstone)--> DEAD
 * </pre>
 * Loading is not a transition: a group rebuilt from its records starts EMPTY or STABLE.
 */
public enum ClassicGroupState {
    EMPTY("Empty"),
    PREPARING_REBALANCE("PreparingRebalance"),
    COMPLETING_REBALANCE("CompletingRebalance"),
    STABLE("Stable"),
    DEAD("Dead");

    private final String kafkaName;

    ClassicGroupState(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    /** The name Kafka gives clients. */
    public String kafkaName() {
        return kafkaName;
    }

    /** The states this one may be entered from. */
    Set<ClassicGroupState> validPrevious() {
        return switch (this) {
            case EMPTY -> EnumSet.of(PREPARING_REBALANCE);
            case PREPARING_REBALANCE -> EnumSet.of(EMPTY, STABLE, COMPLETING_REBALANCE);
            case COMPLETING_REBALANCE -> EnumSet.of(PREPARING_REBALANCE);
            case STABLE -> EnumSet.of(COMPLETING_REBALANCE, STABLE);
            case DEAD -> EnumSet.of(EMPTY, PREPARING_REBALANCE, COMPLETING_REBALANCE, STABLE, DEAD);
        };
    }
}
