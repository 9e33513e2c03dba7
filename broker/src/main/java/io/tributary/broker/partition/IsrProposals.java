package io.tributary.broker.partition;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import io.tributary.replication.partition.IsrProposal;
import io.tributary.replication.partition.LeaderState;
import io.tributary.replication.partition.LeaderUpdate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A leader's side of AlterPartition (ISR changes) for one partition: the broker epoch each follower
 * fetches with (KIP-903: each ISR member is proposed with it, and a late fetch from an earlier
 * incarnation is refused), the controller's answers to a proposal, and the last ISR change proposed,
 * for the console's timeline. {@link LeaderState} decides what to propose; this applies what comes
 * back and says it in the partition's log lines.
 *
 * <p>Not thread-safe: its {@link Partition} calls it under the partition's lock, except
 * {@link #last()}, which the console reads without one.
 */
final class IsrProposals {

    // The lines keep the partition's logger: operators filter on it, and they are the partition's events.
    private static final Logger log = LoggerFactory.getLogger(Partition.class);

    private final TopicPartition tp;
    private final Map<Integer, Long> followerBrokerEpochs = new HashMap<>(); // from their fetches (KIP-903)
    private volatile IsrProposal lastProposal;  // the last ISR change this leader proposed, for the console's timeline

    IsrProposals(TopicPartition tp) {
        this.tp = tp;
    }

    /** A term began or ended: the followers' broker epochs counted in it no longer do. */
    void clearBrokerEpochs() {
        followerBrokerEpochs.clear();
    }

    /** The leader handed {@code proposal} to the AlterPartition sender. */
    void proposed(IsrProposal proposal) {
        lastProposal = proposal;
    }

    /** The last ISR change this broker proposed as leader of this partition, with its reason; null if none. */
    IsrProposal last() {
        return lastProposal;
    }

    /** The broker epoch a follower last fetched with, or -1: what AlterPartition tells the controller. */
    long brokerEpoch(int replicaId) {
        return followerBrokerEpochs.getOrDefault(replicaId, -1L);
    }

    /**
     * Whether a follower's fetch in {@code replicaBrokerEpoch} (-1 before Fetch v15) counts, and if so
     * records the epoch: a fetch from an earlier incarnation than one already seen is refused.
     */
    boolean admitFetch(int replicaId, long replicaBrokerEpoch, long fetchOffset, int leaderEpoch) {
        long known = brokerEpoch(replicaId);
        if (replicaBrokerEpoch >= 0 && replicaBrokerEpoch < known) {
            // From an earlier incarnation, read late: what it reported may be lost since (Kafka fences it too).
            log.info("Partition {}: fetch from broker {} at offset {} refused: broker epoch {} is older than {} (leader epoch {})",
                    tp, replicaId, fetchOffset, replicaBrokerEpoch, known, leaderEpoch);
            return false;
        }
        followerBrokerEpochs.put(replicaId, replicaBrokerEpoch);
        return true;
    }

    /**
     * Whether the metadata's {@code brokerEpoch} for {@code replicaId} is a later incarnation than the
     * one whose fetches were counted; if so it is recorded, and fetches from the old one are refused
     * from now on.
     */
    boolean restarted(LeaderState leaderState, int replicaId, long brokerEpoch, int leaderEpoch) {
        long known = brokerEpoch(replicaId);
        if (known < 0 || brokerEpoch <= known) {
            return false;
        }
        log.info("Partition {}: broker {} restarted (broker epoch {} -> {}); its fetch position {} no longer counts (leader epoch {})",
                tp, replicaId, known, brokerEpoch, leaderState.follower(replicaId).logEndOffset(), leaderEpoch);
        followerBrokerEpochs.put(replicaId, brokerEpoch);
        return true;
    }

    /** Whether {@code proposal} is the one pending in this leader's current term; any other answer is stale. */
    static boolean isPending(LeaderState leaderState, int leaderEpoch, IsrProposal proposal) {
        return leaderState != null && proposal.leaderEpoch() == leaderEpoch && leaderState.pendingProposal().orElse(null) == proposal;
    }

    /**
     * The controller's answer to the pending {@code proposal}: {@code error} NONE with the ISR it
     * committed at {@code newPartitionEpoch}, or the refusal. Returns the leader's update to publish.
     *
     * @param partitionEpochBefore the partition epoch this broker knew before the answer
     */
    LeaderUpdate answered(LeaderState leaderState, IsrProposal proposal, ErrorCode error, List<Integer> isr, int leaderEpoch,
                          int partitionEpochBefore, int newPartitionEpoch) {
        if (error == ErrorCode.NONE) {
            if (newPartitionEpoch > partitionEpochBefore) {
                log.info("Partition {}: ISR {} -> {} at leader epoch {}, partition epoch {} ({} of replicas {}, rule {})", tp,
                        leaderState.isr(), isr, leaderEpoch, newPartitionEpoch, proposal.kind() == IsrProposal.Kind.SHRINK ? "shrink"
                                : "expansion", proposal.changedReplicas(), proposal.rules());
            }
            return leaderState.onIsrCommitted(new HashSet<>(isr));
        }
        log.info("Partition {}: ISR change to {} refused by the controller with {} (leader epoch {}, partition epoch {})", tp,
                proposal.proposedIsr(), error, leaderEpoch, partitionEpochBefore);
        return leaderState.onIsrProposalRejected();
    }

    /**
     * The pending expansion {@code proposal} was not sent: the metadata shows {@code replicaId}'s broker
     * fenced or shutting down (KIP-841). Routine while a broker hands its leaderships away, so DEBUG.
     */
    LeaderUpdate notSent(LeaderState leaderState, IsrProposal proposal, int replicaId, int leaderEpoch) {
        log.debug("Partition {}: ISR expansion to {} not sent: broker {} is fenced or shutting down (leader epoch {})", tp,
                proposal.proposedIsr(), replicaId, leaderEpoch);
        return leaderState.onIsrProposalRejected();
    }
}
