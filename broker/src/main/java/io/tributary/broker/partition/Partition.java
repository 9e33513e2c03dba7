package io.tributary.broker.partition;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.common.TopicPartition;
import io.tributary.common.records.RecordsSlice;
import io.tributary.log.LogConfig;
import io.tributary.log.LogReadResult;
import io.tributary.log.PartitionLog;
import io.tributary.replication.partition.EpochEndOffset;
import io.tributary.replication.partition.IsrProposal;
import io.tributary.replication.partition.LeaderState;
import io.tributary.replication.partition.LeaderUpdate;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition hosted on this node: its log, its role, and its producer state. The role is one of:
 * <ul>
 *   <li><b>leader</b> for an epoch, with a {@link LeaderState}: it takes produces, tracks each
 *       follower's fetch position, moves the high watermark over the ISR and proposes ISR changes;</li>
 *   <li><b>follower</b> of another broker for an epoch, with a {@link FollowerReplica}: the replica
 *       fetcher asks it where to fetch ({@link #followerFetchState}) and hands it each response
 *       ({@link #onFetchResponse}), which appends the leader's batches unchanged or truncates a
 *       diverged tail;</li>
 *   <li><b>no leader</b> known (leader -1): neither.</li>
 * </ul>
 * Every change that moves the log end or the high watermark, or that changes the role, is announced
 * through {@link PartitionEvents}, so waiting requests are woken from one place.
 *
 * <p>Threading: appends, role changes, follower fetch reports, retention and close hold the
 * partition's monitor, so the idempotence check, the append and the producer-state commit are one
 * atomic step. Reads (fetch, list offsets, the {@code acks=all} check) take no lock: they use the
 * log's lock-free reads and volatile fields.
 *
 * <p>Roles: (none) -> leader | follower, at epochs that never go down; a change to an epoch older than
 * the current one is refused. -> closed.
 */
public final class Partition {

    private static final Logger log = LoggerFactory.getLogger(Partition.class);

    private final TopicPartition tp;
    private final TopicId topicId;
    private final int localId;
    private final PartitionLog partitionLog;
    private final PartitionEvents events;
    private final ProducerStateManager producers; // guarded by this
    private LeaderState leaderState;            // guarded by this; null unless leading
    private FollowerReplica follower;           // guarded by this; null unless following a live leader
    private final IsrProposals isrProposals;    // guarded by this, but for the console's read of the last proposal
    private final LowWatermark lowWatermark;    // changed under this; for DeleteRecords
    private List<Integer> replicas = List.of(); // guarded by this
    private int minInsyncReplicas = 1;          // guarded by this
    private volatile int partitionEpoch = -1;
    private volatile int leaderId = -1;
    private volatile int leaderEpoch = -1;
    private volatile long highWatermark;
    private volatile boolean hasMinIsr = true;
    private volatile boolean closed;

    /**
     * @param checkpointedHighWatermark the high watermark from the log directory's
     *                                  {@code replication-offset-checkpoint}, or 0 when it has none: never
     *                                  more than was known committed, so a replica that becomes leader
     *                                  after a restart cannot expose a tail it never saw committed
     */
    Partition(TopicPartition tp, TopicId topicId, int localId, PartitionLog partitionLog, long checkpointedHighWatermark,
              PartitionEvents events) {
        this.tp = tp;
        this.topicId = topicId;
        this.localId = localId;
        this.partitionLog = partitionLog;
        this.events = events;
        this.lowWatermark = new LowWatermark(tp, events);
        this.isrProposals = new IsrProposals(tp);
        this.producers = ProducerStateManager.load(tp, partitionLog);
        this.highWatermark = Math.max(partitionLog.logStartOffset(), Math.min(checkpointedHighWatermark, partitionLog.logEndOffset()));
    }

    public TopicPartition topicPartition() {
        return tp;
    }

    public TopicId topicId() {
        return topicId;
    }

    public PartitionLog log() {
        return partitionLog;
    }

    public boolean isLeader() {
        return leaderId == localId && !closed;
    }

    public int leaderId() {
        return leaderId;
    }

    public int leaderEpoch() {
        return leaderEpoch;
    }

    public long highWatermark() {
        return highWatermark;
    }

    public long logStartOffset() {
        return partitionLog.logStartOffset();
    }

    public long logEndOffset() {
        return partitionLog.logEndOffset();
    }

    public int partitionEpoch() {
        return partitionEpoch;
    }

    /** Whether this leader's ISR is at least {@code min.insync.replicas}; meaningful only while {@link #isLeader()}. */
    public boolean hasMinIsr() {
        return hasMinIsr;
    }

    /**
     * Becomes (or stays) leader for {@code epoch} with the given replicas and ISR. A new epoch starts a
     * new term: the epoch is recorded in the leader-epoch cache at the log end (so followers' fetches
     * can be checked for divergence before the first append), and a {@link LeaderState} starts from the
     * checkpointed high watermark. The same epoch with a newer partition epoch is an ISR the controller
     * committed.
     */
    public synchronized void makeLeader(int epoch, int newPartitionEpoch, List<Integer> replicas, List<Integer> isr,
                                        int minInsyncReplicas, long nowMs) {
        if (epoch < leaderEpoch) {
            throw new IllegalStateException("partition " + tp + " asked to lead at epoch " + epoch + " but is at " + leaderEpoch);
        }
        boolean newTerm = leaderState == null || epoch != leaderEpoch;
        long hwBefore = highWatermark;
        if (newTerm) {
            long leo = partitionLog.logEndOffset();
            long hw = Math.min(highWatermark, leo);
            if (epoch > partitionLog.leaderEpochs().latestEpoch()) {
                partitionLog.leaderEpochs().assign(epoch, leo);
            }
            follower = null;
            isrProposals.clearBrokerEpochs();
            lowWatermark.clear();
            leaderState = new LeaderState(localId, epoch, new HashSet<>(replicas), new HashSet<>(isr), minInsyncReplicas, leo, hw, nowMs);
            log.info("Partition {}: leader at epoch {} (partition epoch {}) with replicas {} and ISR {}, log [{}, {}), high watermark {}",
                    tp, epoch, newPartitionEpoch, replicas, isr, partitionLog.logStartOffset(), leo, leaderState.highWatermark());
        } else if (!leaderState.replicas().equals(new HashSet<>(replicas))) {
            // A reassignment changed the replica set in this epoch: followers that stay keep their positions.
            leaderState.onReplicasChanged(new HashSet<>(replicas), new HashSet<>(isr), nowMs);
            log.info("Partition {}: replicas now {} with ISR {} (partition epoch {})", tp, replicas, isr, newPartitionEpoch);
        } else if (newPartitionEpoch > partitionEpoch) {
            // The controller committed an ISR (ours or its own, say after fencing a follower): any
            // proposal in flight is over, answered or not.
            leaderState.onIsrCommitted(new HashSet<>(isr));
        }
        this.replicas = List.copyOf(replicas);
        this.minInsyncReplicas = minInsyncReplicas;
        partitionEpoch = Math.max(partitionEpoch, newPartitionEpoch);
        leaderId = localId;
        leaderEpoch = epoch;
        publishLeaderState(hwBefore, newTerm);
    }

    /**
     * Follows {@code leader} at {@code epoch} ({@code leader} -1: no leader is known, nothing to fetch
     * from). A new epoch or leader starts a new {@link FollowerReplica} at the log end; requests waiting
     * on this partition as a leader are woken to fail. Returns whether the fetch target changed.
     */
    public synchronized boolean makeFollower(int leader, int epoch, int newPartitionEpoch, List<Integer> replicas) {
        if (epoch < leaderEpoch) {
            throw new IllegalStateException("partition " + tp + " told of epoch " + epoch + " but is at " + leaderEpoch);
        }
        boolean wasLeader = leaderState != null;
        boolean changed = wasLeader || leader != leaderId || epoch != leaderEpoch || (follower == null) != (leader < 0);
        if (wasLeader) {
            log.info("Partition {}: no longer leader; now following {} at epoch {} (log end {}, high watermark {})", tp,
                    leader < 0 ? "nobody (no leader)" : "broker " + leader, epoch, partitionLog.logEndOffset(), highWatermark);
        }
        leaderState = null;
        isrProposals.clearBrokerEpochs();
        lowWatermark.clear();
        if (changed) {
            long leo = partitionLog.logEndOffset();
            highWatermark = Math.min(highWatermark, leo);
            follower = leader < 0 || leader == localId ? null : new FollowerReplica(tp, partitionLog, producers, leader, epoch, highWatermark);
            if (!wasLeader && follower != null) {
                log.info("Partition {}: following broker {} at leader epoch {} (partition epoch {}) from log end {}, last epoch {}",
                        tp, leader, epoch, newPartitionEpoch, leo, partitionLog.leaderEpochs().latestEpoch());
            }
        }
        this.replicas = List.copyOf(replicas);
        partitionEpoch = Math.max(partitionEpoch, newPartitionEpoch);
        leaderId = leader;
        leaderEpoch = epoch;
        hasMinIsr = false;
        refreshLowWatermark();
        if (changed) {
            // Produces waiting for this term's high watermark, and consumers reading from it, must look again.
            events.highWatermarkMoved(tp);
        }
        return changed;
    }

    /** Stops leading: another broker leads {@code epoch}, or none does ({@code leader} -1). */
    public void makeNotLeader(int leader, int epoch) {
        makeFollower(leader, epoch, partitionEpoch, replicas);
    }

    /** Checks a client's idea of the leader epoch: -1 skips the check (older clients). */
    public ErrorCode checkLeaderEpoch(int requestEpoch) {
        if (requestEpoch < 0 || requestEpoch == leaderEpoch) {
            return ErrorCode.NONE;
        }
        return requestEpoch < leaderEpoch ? ErrorCode.FENCED_LEADER_EPOCH : ErrorCode.UNKNOWN_LEADER_EPOCH;
    }

    /**
     * Where the current leader epoch starts in this log (KIP-320): its entry in the leader-epoch cache,
     * or the log end while nothing has been written in it yet. A new leader whose high watermark is
     * still below this offset has not yet learned what the previous leader committed, so it must not
     * answer "latest" offsets (ListOffsets answers {@code OFFSET_NOT_AVAILABLE}).
     */
    public long leaderEpochStartOffset() {
        long logEnd = partitionLog.logEndOffset();
        return LeaderEpochs.startOffset(partitionLog.leaderEpochs().entries(), leaderEpoch, logEnd);
    }

    /**
     * OffsetForLeaderEpoch: the largest epoch at most {@code requestedEpoch} this log knows and the
     * offset where it ends; {@link io.tributary.log.EpochEndOffset#UNDEFINED} when there is none. While leading, the
     * current epoch counts as known from the moment this node leads it, as in Kafka.
     */
    public io.tributary.log.EpochEndOffset endOffsetForEpoch(int requestedEpoch) {
        long logEnd = partitionLog.logEndOffset();
        int current = isLeader() ? leaderEpoch : io.tributary.log.EpochEndOffset.UNDEFINED_EPOCH;
        return LeaderEpochs.endOffsetFor(partitionLog.leaderEpochs().entries(), current, logEnd, requestedEpoch);
    }

    /**
     * Validates, checks idempotence, appends and commits producer state, as one step ({@link LeaderAppend}),
     * then moves the high watermark. The bytes are rewritten in place (base offsets, leader epoch, and
     * under LogAppendTime the timestamp and CRC): normally they are a writable view of the request frame,
     * which belongs to this one request, so nothing is copied. A read-only buffer is copied once onto the
     * heap by the log. Either way the caller must not share {@code records} with anyone who expects the
     * bytes unchanged.
     *
     * @param requiredAcks 0, 1 or -1; -1 is refused up front when the ISR is below {@code min.insync.replicas}
     */
    public synchronized AppendResult appendAsLeader(ByteBuffer records, short requiredAcks, long nowMs) {
        if (closed || leaderState == null) {
            return AppendResult.failed(ErrorCode.NOT_LEADER_OR_FOLLOWER, "this node does not lead " + tp);
        }
        AppendResult result = LeaderAppend.append(tp, partitionLog, producers, leaderState, leaderEpoch, records, requiredAcks);
        if (result.ok() && !result.duplicate()) {
            LeaderUpdate update = leaderState.onLocalAppend(partitionLog.logEndOffset(), nowMs);
            events.logEndMoved(tp);
            publish(update);
        }
        return result;
    }

    /** Whether an acks=all append up to {@code requiredOffset} is satisfied, failed, or still waiting. */
    public ErrorCode checkReplicated(long requiredOffset) {
        if (closed || !isLeader()) {
            return ErrorCode.NOT_LEADER_OR_FOLLOWER;
        }
        if (highWatermark >= requiredOffset) {
            return hasMinIsr ? ErrorCode.NONE : ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND;
        }
        return null;
    }

    /**
     * {@link #checkReplicated(long)} for an append made in {@code appendLeaderEpoch}: a term that ended
     * and another that began since (this broker led again) must not complete it, since the records
     * may have been truncated in between.
     */
    public ErrorCode checkReplicated(long requiredOffset, int appendLeaderEpoch) {
        if (leaderEpoch != appendLeaderEpoch) {
            return ErrorCode.NOT_LEADER_OR_FOLLOWER;
        }
        return checkReplicated(requiredOffset);
    }

    // ------------------------------------------------------------------ leader: followers and the ISR

    /** {@link DivergingEpoch#of}: where a follower's log diverges from this leader's. Lock-free. */
    public Optional<EpochEndOffset> divergingEpoch(int lastFetchedEpoch, long fetchOffset) {
        return DivergingEpoch.of(partitionLog, lastFetchedEpoch, fetchOffset);
    }

    /**
     * A follower's fetch at {@code fetchOffset} was accepted (no divergence, offset inside the log):
     * it holds everything below it. Moves the high watermark and may propose the follower for the ISR.
     *
     * @param replicaBrokerEpoch the follower's broker epoch from its fetch (-1 before Fetch v15), sent
     *                           with ISR proposals so the controller can refuse a stale one (KIP-903)
     * @return false when this broker does not lead the partition (the fetch is answered with an error)
     */
    public synchronized boolean onFollowerFetch(int replicaId, long replicaBrokerEpoch, long fetchOffset, long nowMs) {
        if (closed || leaderState == null || leaderState.follower(replicaId) == null) {
            return false;
        }
        if (fetchOffset < 0 || fetchOffset > leaderState.localLogEndOffset()) {
            return false;
        }
        if (!isrProposals.admitFetch(replicaId, replicaBrokerEpoch, fetchOffset, leaderEpoch)) {
            return false;
        }
        publish(leaderState.onFollowerFetch(replicaId, fetchOffset, nowMs));
        return true;
    }

    /**
     * The metadata names {@code replicaId} in {@code brokerEpoch}. A later incarnation than the one
     * whose fetches were counted may have lost the tail it reported: its position is forgotten.
     */
    public synchronized void onFollowerBrokerEpoch(int replicaId, long brokerEpoch) {
        if (!closed && leaderState != null && leaderState.follower(replicaId) != null
                && isrProposals.restarted(leaderState, replicaId, brokerEpoch, leaderEpoch)) {
            publish(leaderState.onFollowerRestarted(replicaId));
        }
    }

    /**
     * A follower's accepted fetch carried its log start offset: a move may complete a DeleteRecords
     * waiting for the low watermark, so it is announced.
     */
    public synchronized void onFollowerLogStart(int replicaId, long logStartOffset) {
        if (!closed && leaderState != null && logStartOffset >= 0 && lowWatermark.report(replicaId, logStartOffset)) {
            refreshLowWatermark();
        }
    }

    /**
     * The smallest log start over this leader and its ISR ({@link LowWatermark}); -1 when not
     * leading. Lock-free: a DeleteRecords waiting on several partitions checks them all while an event
     * holds one partition's lock.
     */
    public long lowWatermark() {
        return closed ? LowWatermark.UNKNOWN : lowWatermark.value();
    }

    /** Recomputes the low watermark after anything that may move it (a log start, the ISR, the role); announces a move. Holds the lock. */
    private void refreshLowWatermark() {
        lowWatermark.refresh(partitionLog.logStartOffset(), leaderState == null ? null : leaderState.isr(), localId);
    }

    /**
     * DeleteRecords on the leader: moves the log start to {@code offset} (-1: the high watermark),
     * deleting the segments wholly below it. The answer waits until {@link #lowWatermark} reaches the
     * returned offset. Refused with NOT_LEADER_OR_FOLLOWER off the leader, POLICY_VIOLATION where
     * {@code cleanup.policy} lacks {@code delete} (as Kafka refuses it: only the cleaner shrinks a
     * compacted log), and OFFSET_OUT_OF_RANGE past the high watermark.
     */
    public synchronized RecordDeletion deleteRecords(long offset) {
        if (closed || leaderState == null) {
            return RecordDeletion.failed(ErrorCode.NOT_LEADER_OR_FOLLOWER);
        }
        return RecordDeletion.apply(partitionLog, highWatermark, leaderEpoch, offset, () -> {
            producers.afterRetention(partitionLog);
            refreshLowWatermark();
        });
    }

    /**
     * The periodic ISR check ({@code replica.lag.time.max.ms}, {@code replica.fetch.stall.max.ms}); may
     * propose removing laggards and stalled followers, logged as one line per proposal with the rule.
     */
    public synchronized void maybeShrinkIsr(long nowMs, long replicaLagTimeMaxMs, long replicaFetchStallMaxMs) {
        if (!closed && leaderState != null) {
            LeaderUpdate update = leaderState.maybeShrinkIsr(nowMs, replicaLagTimeMaxMs, replicaFetchStallMaxMs);
            update.proposal().ifPresent(p -> log.info("ISR shrink proposed for {} (epoch {}): {}", tp, leaderEpoch, p.reason()));
            publish(update);
        }
    }

    /** Each follower's position as this leader tracks it (empty unless leading): the console's follower lag. */
    public synchronized Map<Integer, LeaderState.FollowerPosition> followerPositions() {
        Map<Integer, LeaderState.FollowerPosition> out = new HashMap<>();
        if (!closed && leaderState != null) {
            for (int id : leaderState.replicas()) {
                if (id != localId && leaderState.follower(id) != null) {
                    out.put(id, leaderState.follower(id));
                }
            }
        }
        return out;
    }

    /** The last ISR change this broker proposed as leader of this partition, with its reason; null if none. */
    public IsrProposal lastIsrProposal() {
        return isrProposals.last();
    }

    /** The broker epoch a follower last fetched with, or -1: what AlterPartition tells the controller. */
    public synchronized long followerBrokerEpoch(int replicaId) {
        return isrProposals.brokerEpoch(replicaId);
    }

    /** The ISR change pending in this term, if this broker leads at {@code epoch} and one is still in flight. */
    public synchronized Optional<IsrProposal> pendingProposal(int epoch) {
        if (leaderState == null || leaderEpoch != epoch) {
            return Optional.empty();
        }
        return leaderState.pendingProposal();
    }

    /**
     * The controller answered the AlterPartition carrying {@code proposal}: {@code error} NONE with the
     * ISR it committed and its partition epoch, or the refusal. A stale answer (another term, another
     * proposal, or a partition epoch this broker has already seen) changes nothing.
     *
     * @return true when the answer was applied
     */
    public synchronized boolean onAlterPartitionResult(IsrProposal proposal, ErrorCode error, List<Integer> isr, int newPartitionEpoch) {
        if (!IsrProposals.isPending(leaderState, leaderEpoch, proposal)) {
            return false;
        }
        int partitionEpochBefore = partitionEpoch;
        if (error == ErrorCode.NONE && newPartitionEpoch > partitionEpochBefore) {
            partitionEpoch = newPartitionEpoch;
        }
        publish(isrProposals.answered(leaderState, proposal, error, isr, leaderEpoch, partitionEpochBefore, newPartitionEpoch));
        return true;
    }

    /**
     * An ISR expansion was not sent: the metadata shows {@code replicaId}'s broker fenced or shutting
     * down (KIP-841), so the controller would refuse it. This is routine while a broker hands its
     * leaderships away and catches up before it stops (a fetch every few milliseconds proposes it
     * again), so it is logged at DEBUG, unlike a refusal by the controller.
     */
    public synchronized void onIsrExpansionNotSent(IsrProposal proposal, int replicaId) {
        if (IsrProposals.isPending(leaderState, leaderEpoch, proposal)) {
            publish(isrProposals.notSent(leaderState, proposal, replicaId, leaderEpoch));
        }
    }

    /** The ISR this leader counts with, or empty when it does not lead. */
    public synchronized Set<Integer> isr() {
        return leaderState == null ? Set.of() : leaderState.isr();
    }

    // ------------------------------------------------------------------ follower: fetching from the leader

    /** The next fetch to send, or empty while this partition has no leader to follow or is between steps. */
    public synchronized Optional<FollowerFetch> followerFetchState() {
        return closed || follower == null ? Optional.empty() : follower.nextFetch();
    }

    /**
     * Applies one partition of the leader's fetch response ({@link FollowerReplica}): appends its
     * batches unchanged, or truncates to where the logs agree, and learns the leader's high watermark
     * and log start offset.
     * A response for another epoch or offset than this follower's current fetch is ignored.
     *
     * @param records whole batches from the leader starting at {@code fetchOffset}; a trailing partial batch is ignored
     */
    public synchronized FetchOutcome onFetchResponse(int fetchLeaderEpoch, long fetchOffset, long leaderHighWatermark,
                                                     long leaderLogStartOffset, EpochEndOffset diverging, ByteBuffer records) {
        if (closed || follower == null || !follower.isCurrent(fetchLeaderEpoch, fetchOffset)) {
            return FetchOutcome.STALE;
        }
        FetchOutcome outcome = follower.apply(fetchOffset, leaderHighWatermark, diverging, records);
        highWatermark = follower.highWatermark();
        follower.followLogStart(leaderLogStartOffset);
        if (outcome == FetchOutcome.APPENDED) {
            events.logEndMoved(tp);
        }
        return outcome;
    }

    /**
     * The leader answered OFFSET_OUT_OF_RANGE: below its log start (retention moved it), the follower
     * restarts its log there; otherwise (the follower is ahead of the leader, which only an unclean
     * election allows) it truncates to the leader's high watermark.
     */
    public synchronized FetchOutcome onFetchOffsetOutOfRange(int fetchLeaderEpoch, long fetchOffset, long leaderLogStartOffset,
                                                             long leaderHighWatermark) {
        if (closed || follower == null || !follower.isCurrent(fetchLeaderEpoch, fetchOffset)) {
            return FetchOutcome.STALE;
        }
        FetchOutcome outcome = follower.applyOutOfRange(fetchOffset, leaderLogStartOffset, leaderHighWatermark);
        highWatermark = follower.highWatermark();
        return outcome;
    }

    /** Carries a leader update out: the new high watermark (waking waiters) and any ISR proposal. Holds the lock. */
    private void publish(LeaderUpdate update) {
        hasMinIsr = leaderState != null && leaderState.hasMinIsr();
        highWatermark = update.highWatermark();
        if (update.highWatermarkMoved()) {
            events.highWatermarkMoved(tp);
        }
        if (update.proposal().isPresent()) {
            isrProposals.proposed(update.proposal().get());
            events.isrProposed(this, update.proposal().get());
        }
        refreshLowWatermark();
    }

    private void publishLeaderState(long hwBefore, boolean newTerm) {
        hasMinIsr = leaderState.hasMinIsr();
        highWatermark = leaderState.highWatermark();
        if (newTerm || highWatermark != hwBefore) {
            events.highWatermarkMoved(tp);
        }
        refreshLowWatermark();
    }

    /**
     * Reads whole batches for a consumer (below the high watermark) or a follower (below the log end).
     *
     * @throws io.tributary.log.OffsetOutOfRangeException if {@code offset} is outside the log
     */
    public RecordsSlice read(long offset, int maxBytes, boolean minOneBatch, boolean fromFollower) {
        long bound = fromFollower ? partitionLog.logEndOffset() : highWatermark;
        long end = partitionLog.logEndOffset();
        if (offset >= bound && offset <= end && offset >= partitionLog.logStartOffset()) {
            // At or past what this reader may see but inside the log: nothing yet, not an error.
            return RecordsSlice.EMPTY;
        }
        LogReadResult r = partitionLog.read(offset, maxBytes, bound, minOneBatch);
        return r.isEmpty() ? RecordsSlice.EMPTY : r.records();
    }

    /** Applies retention up to the high watermark; returns segments deleted. */
    public synchronized int applyRetention(long nowMs) {
        if (closed) {
            return 0;
        }
        int n = partitionLog.applyRetention(nowMs, highWatermark);
        if (n > 0) {
            producers.afterRetention(partitionLog);
            refreshLowWatermark();
        }
        return n;
    }

    public synchronized int expireProducers(long nowMs, long expirationMs) {
        return closed ? 0 : producers.expire(nowMs, expirationMs);
    }

    /** Applies changed topic configs to the live log (retention, segments) and to the leader's ISR rule. */
    public synchronized void updateConfig(LogConfig config, int newMinInsyncReplicas) {
        partitionLog.updateConfig(config);
        if (leaderState != null && newMinInsyncReplicas != minInsyncReplicas) {
            // The term's state goes on (follower positions, a pending ISR change); only the rule changes.
            publish(leaderState.onMinInsyncReplicasChanged(newMinInsyncReplicas));
        }
        minInsyncReplicas = newMinInsyncReplicas;
    }

    /** Snapshots producer state and closes the log cleanly (checkpoints, clean-shutdown marker). */
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            producers.snapshot(partitionLog);
        } catch (RuntimeException e) {
            log.warn("Partition {}: cannot write the producer snapshot at close; it will be rebuilt from the log", tp, e);
        }
        partitionLog.close();
    }

    /** Closes without the clean-shutdown work, for a partition whose directory is about to be deleted. */
    synchronized void closeForDeletion() {
        if (closed) {
            return;
        }
        closed = true;
        partitionLog.close();
    }

    @Override
    public String toString() {
        return "Partition(" + tp + ", leader " + leaderId + " epoch " + leaderEpoch + ", hw " + highWatermark + ")";
    }
}
