package io.tributary.broker.handler.produce;

import io.tributary.broker.handler.DelayedPartitionWait;
import io.tributary.broker.partition.Partition;
import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;

/**
 * What an {@code acks=all} produce waits for ({@link DelayedPartitionWait}), on every partition it
 * wrote to: the high watermark passing its last offset, in the leader epoch it was appended in. A
 * partition no longer led here (or led again in a later term) settles with NOT_LEADER_OR_FOLLOWER.
 */
final class DelayedProduce {

    private DelayedProduce() {
    }

    /** One partition being waited on. */
    static final class Pending extends DelayedPartitionWait.Wait {
        final long requiredOffset;
        final int appendLeaderEpoch;

        Pending(TopicPartition tp, Partition partition, long requiredOffset, int appendLeaderEpoch) {
            super(tp, partition);
            this.requiredOffset = requiredOffset;
            this.appendLeaderEpoch = appendLeaderEpoch;
        }

        @Override
        protected ErrorCode check() {
            return partition().checkReplicated(requiredOffset, appendLeaderEpoch);
        }
    }
}
