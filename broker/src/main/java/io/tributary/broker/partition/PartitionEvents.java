package io.tributary.broker.partition;

import io.tributary.common.TopicPartition;
import io.tributary.replication.partition.IsrProposal;

/**
 * What a {@link Partition} announces, so that whoever waits on it is told once, from one place,
 * whichever path moved it (a leader append, a follower's fetch, a follower append, a role change).
 *
 * <ul>
 *   <li>{@link #logEndMoved}: new records below the log end. Followers' fetches waiting on the leader
 *       wake (they read up to the log end).</li>
 *   <li>{@link #highWatermarkMoved}: records became committed, or the partition's role changed so
 *       that waiters must re-check. {@code acks=all} produces and consumer fetches wake.</li>
 *   <li>{@link #lowWatermarkMoved}: the smallest log start over the leader and its ISR moved (DeleteRecords,
 *       a follower following it, an ISR change). DeleteRecords requests waiting on it wake.</li>
 *   <li>{@link #isrProposed}: the leader asks the controller for a new ISR (AlterPartition). The
 *       proposal is already pending in the partition's {@code LeaderState}; the partition learns the
 *       outcome through {@link Partition#onAlterPartitionResult}.</li>
 * </ul>
 *
 * <p>Called on whichever thread changed the partition, while it holds the partition's lock, so an
 * implementation must not take another partition's lock nor block: the purgatories' checks read
 * partitions lock-free, and the AlterPartition sender only queues.
 */
public interface PartitionEvents {

    void logEndMoved(TopicPartition tp);

    void highWatermarkMoved(TopicPartition tp);

    /**
     * The leader's low watermark (the smallest log start over its ISR) moved: DeleteRecords requests
     * waiting on it re-check. A default, since only the broker's purgatories wait on it.
     */
    default void lowWatermarkMoved(TopicPartition tp) {
    }

    void isrProposed(Partition partition, IsrProposal proposal);

    /** Tells no one: for partitions opened by tests or tools without a broker around them. */
    PartitionEvents NONE = new PartitionEvents() {
        @Override
        public void logEndMoved(TopicPartition tp) {
        }

        @Override
        public void highWatermarkMoved(TopicPartition tp) {
        }

        @Override
        public void isrProposed(Partition partition, IsrProposal proposal) {
        }
    };
}
