package io.tributary.broker.handler.produce;

import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.ReplicaManager;
import io.tributary.broker.purgatory.DelayedOperation;
import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import java.util.List;
import java.util.function.Consumer;

/**
 * An {@code acks=all} produce waiting for the high watermark of every partition it wrote to pass
 * its last offset. Completes when all have (or a partition lost leadership), or with
 * {@code REQUEST_TIMED_OUT} for the stragglers when the request's timeout passes.
 */
final class DelayedProduce extends DelayedOperation<TopicPartition> {

    /** One partition being waited on; {@code outcome} is set once it is settled. */
    static final class Pending {
        final TopicPartition tp;
        final Partition partition;
        final long requiredOffset;
        final int appendLeaderEpoch;
        ErrorCode outcome;

        Pending(TopicPartition tp, Partition partition, long requiredOffset, int appendLeaderEpoch) {
            this.tp = tp;
            this.partition = partition;
            this.requiredOffset = requiredOffset;
            this.appendLeaderEpoch = appendLeaderEpoch;
        }
    }

    private final List<Pending> pending;
    private final ReplicaManager replicas;
    private final Consumer<Boolean> onDone;

    DelayedProduce(long timeoutMs, List<Pending> pending, ReplicaManager replicas, Consumer<Boolean> onDone) {
        super(timeoutMs, pending.stream().map(p -> p.tp).toList());
        this.pending = pending;
        this.replicas = replicas;
        this.onDone = onDone;
    }

    @Override
    protected boolean tryComplete() {
        boolean all = true;
        for (Pending p : pending) {
            if (p.outcome != null) {
                continue;
            }
            // A partition replaced (deleted and recreated) or no longer led here fails rather than waits.
            ErrorCode e = replicas.partition(p.tp) != p.partition ? ErrorCode.NOT_LEADER_OR_FOLLOWER
                    : p.partition.checkReplicated(p.requiredOffset, p.appendLeaderEpoch);
            if (e == null) {
                all = false;
            } else {
                p.outcome = e;
            }
        }
        return all && forceComplete(false);
    }

    @Override
    protected void onComplete(boolean expired) {
        for (Pending p : pending) {
            if (p.outcome == null) {
                p.outcome = ErrorCode.REQUEST_TIMED_OUT;
            }
        }
        onDone.accept(expired);
    }
}
