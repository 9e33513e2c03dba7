package io.tributary.broker.handler;

import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.ReplicaManager;
import io.tributary.broker.purgatory.DelayedOperation;
import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import java.util.List;
import java.util.function.Consumer;

/**
 * A request waiting in the purgatory for a condition on each partition it touched: an
 * {@code acks=all} produce for the high watermark, a DeleteRecords for the low watermark. Each
 * partition settles once, with what its {@link Wait#check} says, or with NOT_LEADER_OR_FOLLOWER
 * when the partition was replaced (deleted and recreated) meanwhile; the request completes when
 * every partition has settled, and the stragglers settle with REQUEST_TIMED_OUT when its timeout
 * passes.
 */
public final class DelayedPartitionWait<W extends DelayedPartitionWait.Wait> extends DelayedOperation<TopicPartition> {

    /** One partition being waited on. */
    public abstract static class Wait {
        private final TopicPartition tp;
        private final Partition partition;
        private ErrorCode outcome;

        protected Wait(TopicPartition tp, Partition partition) {
            this.tp = tp;
            this.partition = partition;
        }

        public TopicPartition topicPartition() {
            return tp;
        }

        public Partition partition() {
            return partition;
        }

        /** The condition: its error once settled (NONE when met), or null while it must still wait. Lock-free. */
        protected abstract ErrorCode check();

        /** How it settled; null until then. */
        public ErrorCode outcome() {
            return outcome;
        }
    }

    private final List<W> waits;
    private final ReplicaManager replicas;
    private final Consumer<Boolean> onDone;

    /** @param onDone called once, with whether the timeout passed, after every partition settled */
    public DelayedPartitionWait(long timeoutMs, List<W> waits, ReplicaManager replicas, Consumer<Boolean> onDone) {
        super(timeoutMs, waits.stream().map(Wait::topicPartition).toList());
        this.waits = waits;
        this.replicas = replicas;
        this.onDone = onDone;
    }

    @Override
    protected boolean tryComplete() {
        boolean all = true;
        for (Wait w : waits) {
            if (w.outcome != null) {
                continue;
            }
            ErrorCode e = replicas.partition(w.tp) != w.partition ? ErrorCode.NOT_LEADER_OR_FOLLOWER : w.check();
            if (e == null) {
                all = false;
            } else {
                w.outcome = e;
            }
        }
        return all && forceComplete(false);
    }

    @Override
    protected void onComplete(boolean expired) {
        for (Wait w : waits) {
            if (w.outcome == null) {
                w.outcome = ErrorCode.REQUEST_TIMED_OUT;
            }
        }
        onDone.accept(expired);
    }
}
