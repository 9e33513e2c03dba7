package io.tributary.broker.handler.admin;

import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.ReplicaManager;
import io.tributary.broker.purgatory.DelayedOperation;
import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import java.util.List;

/**
 * A DeleteRecords request waiting, on each partition it moved, for the low watermark (the smallest
 * log start over the leader and its ISR) to reach the new log start: Kafka answers once every
 * in-sync replica has let go of the deleted records. A partition that lost leadership (or was
 * replaced) settles with NOT_LEADER_OR_FOLLOWER; one still short when the request's timeout passes
 * settles with REQUEST_TIMED_OUT. Checks read {@link Partition#lowWatermark()} lock-free.
 */
final class DelayedDeleteRecords extends DelayedOperation<TopicPartition> {

    /** One partition being waited on; {@code error} is set once it is settled, with {@code lowWatermark} on success. */
    static final class Pending {
        final TopicPartition tp;
        final Partition partition;
        final long requiredLowWatermark;
        ErrorCode error;
        long lowWatermark = -1L;

        Pending(TopicPartition tp, Partition partition, long requiredLowWatermark) {
            this.tp = tp;
            this.partition = partition;
            this.requiredLowWatermark = requiredLowWatermark;
        }
    }

    private final List<Pending> pending;
    private final ReplicaManager replicas;
    private final Runnable onDone;

    DelayedDeleteRecords(long timeoutMs, List<Pending> pending, ReplicaManager replicas, Runnable onDone) {
        super(timeoutMs, pending.stream().map(p -> p.tp).toList());
        this.pending = pending;
        this.replicas = replicas;
        this.onDone = onDone;
    }

    @Override
    protected boolean tryComplete() {
        boolean all = true;
        for (Pending p : pending) {
            if (p.error != null) {
                continue;
            }
            long low = p.partition.lowWatermark();
            if (replicas.partition(p.tp) != p.partition || !p.partition.isLeader()) {
                p.error = ErrorCode.NOT_LEADER_OR_FOLLOWER;
            } else if (low >= p.requiredLowWatermark) {
                p.error = ErrorCode.NONE;
                p.lowWatermark = low;
            } else {
                all = false;
            }
        }
        return all && forceComplete(false);
    }

    @Override
    protected void onComplete(boolean expired) {
        for (Pending p : pending) {
            if (p.error == null) {
                p.error = ErrorCode.REQUEST_TIMED_OUT;
            }
        }
        onDone.run();
    }
}
