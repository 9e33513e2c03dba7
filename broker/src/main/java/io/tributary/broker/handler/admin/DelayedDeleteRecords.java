package io.tributary.broker.handler.admin;

import io.tributary.broker.handler.DelayedPartitionWait;
import io.tributary.broker.partition.Partition;
import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;

/**
 * What a DeleteRecords request waits for ({@link DelayedPartitionWait}), on each partition it moved:
 * the low watermark (the smallest log start over the leader and its ISR) reaching the new log
 * start. Kafka answers once every in-sync replica has let go of the deleted records. A partition
 * that lost leadership settles with NOT_LEADER_OR_FOLLOWER. Checks read
 * {@link Partition#lowWatermark()} lock-free.
 */
final class DelayedDeleteRecords {

    private DelayedDeleteRecords() {
    }

    /** One partition being waited on; {@code lowWatermark} is what it reached, once it settled with NONE. */
    static final class Pending extends DelayedPartitionWait.Wait {
        final long requiredLowWatermark;
        long lowWatermark = -1L;

        Pending(TopicPartition tp, Partition partition, long requiredLowWatermark) {
            super(tp, partition);
            this.requiredLowWatermark = requiredLowWatermark;
        }

        @Override
        protected ErrorCode check() {
            long low = partition().lowWatermark();
            if (!partition().isLeader()) {
                return ErrorCode.NOT_LEADER_OR_FOLLOWER;
            }
            if (low >= requiredLowWatermark) {
                lowWatermark = low;
                return ErrorCode.NONE;
            }
            return null;
        }
    }
}
