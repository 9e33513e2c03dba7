package io.tributary.coordinator.api;

import java.util.Objects;

/**
 * A response addressed to the request it answers, by the id the broker gave that request when it
 * handed it to the shard. Every request gets exactly one reply, possibly in a later output (a
 * JoinGroup waits for the rebalance, a SyncGroup follower for the leader's assignment).
 */
public record Reply(long requestId, CoordinatorResponse response) {

    public Reply {
        Objects.requireNonNull(response, "response");
    }
}
