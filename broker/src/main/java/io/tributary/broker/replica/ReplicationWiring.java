package io.tributary.broker.replica;

import io.tributary.broker.coordinator.GroupCoordinatorRuntime;
import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.PartitionEvents;
import io.tributary.broker.partition.ReplicaManager;
import io.tributary.broker.purgatory.Purgatory;
import io.tributary.common.TopicPartition;
import io.tributary.replication.partition.IsrProposal;

/**
 * Where the partitions' announcements go on a running node: a new log end wakes followers' fetches
 * waiting in the fetch purgatory; a moved high watermark (or a role change) wakes {@code acks=all}
 * produces and consumers' fetches; ISR proposals go to the {@link AlterPartitionSender}; role changes
 * and removals go to the {@link ReplicaFetcherManager}. The group coordinator hears of role changes,
 * removals and high watermarks too: it loads the {@code __consumer_offsets} partitions this broker
 * leads and releases its replies as their high watermark passes them.
 *
 * <p>The fetchers and the sender exist only on a broker of a cluster, and only once it has joined
 * one ({@link #attach}); before that (and on a one-node cluster, whose partitions have one replica)
 * there is nobody to fetch from or propose to.
 */
public final class ReplicationWiring implements PartitionEvents, ReplicaManager.RoleListener {

    private final Purgatory<TopicPartition> fetchPurgatory;
    private final Purgatory<TopicPartition> producePurgatory;
    private final GroupCoordinatorRuntime groups;
    private volatile ReplicaFetcherManager fetchers;
    private volatile AlterPartitionSender isrChanges;

    public ReplicationWiring(Purgatory<TopicPartition> fetchPurgatory, Purgatory<TopicPartition> producePurgatory,
                             GroupCoordinatorRuntime groups) {
        this.fetchPurgatory = fetchPurgatory;
        this.producePurgatory = producePurgatory;
        this.groups = groups;
    }

    /** Connects the cluster's replication parts; partitions already open are not replayed (attach before opening them). */
    public void attach(ReplicaFetcherManager fetchers, AlterPartitionSender isrChanges) {
        this.fetchers = fetchers;
        this.isrChanges = isrChanges;
    }

    @Override
    public void logEndMoved(TopicPartition tp) {
        fetchPurgatory.checkAndComplete(tp);
    }

    @Override
    public void highWatermarkMoved(TopicPartition tp) {
        fetchPurgatory.checkAndComplete(tp);
        producePurgatory.checkAndComplete(tp);
        groups.highWatermarkMoved(tp);
    }

    /** DeleteRecords waits for the low watermark in the produce purgatory, beside acks=all produces: both wait on the ISR. */
    @Override
    public void lowWatermarkMoved(TopicPartition tp) {
        producePurgatory.checkAndComplete(tp);
    }

    @Override
    public void isrProposed(Partition partition, IsrProposal proposal) {
        AlterPartitionSender s = isrChanges;
        if (s != null) {
            s.submit(partition, proposal);
        }
    }

    @Override
    public void roleChanged(Partition p) {
        groups.roleChanged(p);
        ReplicaFetcherManager f = fetchers;
        if (f != null) {
            f.roleChanged(p);
        }
    }

    @Override
    public void removed(Partition p) {
        // Gone from this node: waiting requests answer now, and the purgatories forget the key.
        fetchPurgatory.removeKey(p.topicPartition());
        producePurgatory.removeKey(p.topicPartition());
        groups.removed(p);
        ReplicaFetcherManager f = fetchers;
        if (f != null) {
            f.removed(p);
        }
    }
}
