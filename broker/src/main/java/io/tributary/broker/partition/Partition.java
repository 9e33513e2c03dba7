package io.tributary.broker.partition;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.common.TopicPartition;
import io.tributary.common.records.BatchHeader;
import io.tributary.common.records.BatchValidator;
import io.tributary.common.records.RecordsSlice;
import io.tributary.log.AppendInfo;
import io.tributary.log.LogConfig;
import io.tributary.log.LogReadResult;
import io.tributary.log.PartitionLog;
import io.tributary.replication.partition.EpochEndOffset;
import io.tributary.replication.partition.FetchedPartition;
import io.tributary.replication.partition.FollowerAction;
import io.tributary.replication.partition.FollowerState;
import io.tributary.replication.partition.IsrProposal;
import io.tributary.replication.partition.LeaderState;
import io.tributary.replication.partition.LeaderUpdate;
import io.tributary.replication.producer.ProducerCheck;
import io.tributary.replication.producer.ProducerStateTable;
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
 *   <li><b>follower</b> of another broker for an epoch, with a {@link FollowerState}: the replica
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
    private ProducerStateManager producers;     // guarded by this; rebuilt after a truncation
    private LeaderState leaderState;            // guarded by this; null unless leading
    private FollowerState followerState;        // guarded by this; null unless following a live leader
    private IsrProposal inFlight;               // guarded by this; the proposal handed to the AlterPartition sender
    private final Map<Integer, Long> followerBrokerEpochs = new HashMap<>(); // guarded by this; from their fetches (KIP-903)
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
        boolean newTerm = leaderState == null || epoch != leaderEpoch || !leaderState.replicas().equals(new HashSet<>(replicas));
        long hwBefore = highWatermark;
        if (newTerm) {
            long leo = partitionLog.logEndOffset();
            long hw = Math.min(highWatermark, leo);
            if (epoch > partitionLog.leaderEpochs().latestEpoch()) {
                partitionLog.leaderEpochs().assign(epoch, leo);
            }
            followerState = null;
            inFlight = null;
            followerBrokerEpochs.clear();
            leaderState = new LeaderState(localId, epoch, new HashSet<>(replicas), new HashSet<>(isr), minInsyncReplicas, leo, hw, nowMs);
            log.info("Partition {}: leader at epoch {} (partition epoch {}) with replicas {} and ISR {}, log [{}, {}), high watermark {}",
                    tp, epoch, newPartitionEpoch, replicas, isr, partitionLog.logStartOffset(), leo, leaderState.highWatermark());
        } else if (newPartitionEpoch > partitionEpoch) {
            // The controller committed an ISR (ours or its own, say after fencing a follower): any
            // proposal in flight is over, answered or not.
            leaderState.onIsrCommitted(new HashSet<>(isr));
            inFlight = null;
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
     * from). A new epoch or leader starts a new {@link FollowerState} at the log end; requests waiting
     * on this partition as a leader are woken to fail. Returns whether the fetch target changed.
     */
    public synchronized boolean makeFollower(int leader, int epoch, int newPartitionEpoch, List<Integer> replicas) {
        if (epoch < leaderEpoch) {
            throw new IllegalStateException("partition " + tp + " told of epoch " + epoch + " but is at " + leaderEpoch);
        }
        boolean wasLeader = leaderState != null;
        boolean changed = wasLeader || leader != leaderId || epoch != leaderEpoch || (followerState == null) != (leader < 0);
        if (wasLeader) {
            log.info("Partition {}: no longer leader; now following {} at epoch {} (log end {}, high watermark {})", tp,
                    leader < 0 ? "nobody (no leader)" : "broker " + leader, epoch, partitionLog.logEndOffset(), highWatermark);
        }
        leaderState = null;
        inFlight = null;
        followerBrokerEpochs.clear();
        if (changed) {
            long leo = partitionLog.logEndOffset();
            highWatermark = Math.min(highWatermark, leo);
            followerState = leader < 0 || leader == localId ? null : new FollowerState(leader, epoch, leo, highWatermark);
        }
        this.replicas = List.copyOf(replicas);
        partitionEpoch = Math.max(partitionEpoch, newPartitionEpoch);
        leaderId = leader;
        leaderEpoch = epoch;
        hasMinIsr = false;
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
     * Validates, checks idempotence, appends and commits producer state, as one step. The records are
     * validated first (sizes, magic, CRC) and only then rewritten in place (base offsets, leader epoch,
     * and under LogAppendTime the timestamp and CRC): normally they are a writable view of the
     * request frame, which belongs to this one request, so nothing is copied. A read-only buffer is
     * copied once onto the heap first. Either way the caller must not share {@code records} with
     * anyone who expects the bytes unchanged.
     *
     * @param requiredAcks 0, 1 or -1; -1 is refused up front when the ISR is below {@code min.insync.replicas}
     */
    public synchronized AppendResult appendAsLeader(ByteBuffer records, short requiredAcks, long nowMs) {
        if (closed || leaderState == null) {
            return AppendResult.failed(ErrorCode.NOT_LEADER_OR_FOLLOWER, "this node does not lead " + tp);
        }
        LogConfig cfg = partitionLog.config();
        BatchValidator.Result v = BatchValidator.validate(records, cfg.maxMessageBytes());
        if (!v.ok()) {
            return AppendResult.failed(v.error(), v.reason());
        }
        for (int at = records.position(); at < records.limit(); at += BatchHeader.sizeInBytes(records, at)) {
            if (BatchHeader.isControl(records, at) || BatchHeader.isTransactional(records, at)) {
                return AppendResult.failed(ErrorCode.INVALID_RECORD, "transactional and control batches are not supported");
            }
            if (BatchHeader.compression(records, at) > 4) {
                return AppendResult.failed(ErrorCode.CORRUPT_MESSAGE, "unknown compression codec " + BatchHeader.compression(records, at));
            }
        }
        if (requiredAcks == -1 && !leaderState.hasMinIsr()) {
            return AppendResult.failed(ErrorCode.NOT_ENOUGH_REPLICAS, "ISR " + leaderState.isr()
                    + " is smaller than min.insync.replicas");
        }
        ProducerStateTable.AppendPlan plan = producers.table().plan();
        for (int at = records.position(); at < records.limit(); at += BatchHeader.sizeInBytes(records, at)) {
            ProducerCheck check = plan.check(BatchHeader.producerId(records, at), BatchHeader.producerEpoch(records, at),
                    BatchHeader.baseSequence(records, at), BatchHeader.lastSequence(records, at));
            if (check instanceof ProducerCheck.Duplicate d) {
                // Kafka answers a request holding a retried batch with that batch's original offsets and writes nothing.
                log.debug("Partition {}: duplicate batch from producer {} answered with offsets {}..{}", tp,
                        BatchHeader.producerId(records, at), d.firstOffset(), d.lastOffset());
                return new AppendResult(ErrorCode.NONE, null, d.firstOffset(), d.lastOffset(), -1L,
                        partitionLog.logStartOffset(), true);
            }
            if (check instanceof ProducerCheck.Reject r) {
                log.debug("Partition {}: batch refused: {}", tp, r.reason());
                return AppendResult.failed(r.error(), r.reason());
            }
        }
        if (records.isReadOnly()) {
            // The log stamps offsets and the epoch in place. The network hands us a writable view of the
            // request frame; only other callers (tests, a read-only frame) pay for this copy.
            ByteBuffer writable = ByteBuffer.allocate(records.remaining());
            writable.put(records.duplicate()).flip();
            records = writable;
        }
        int segmentsBefore = partitionLog.segmentCount();
        AppendInfo info = partitionLog.appendAsLeader(records, leaderEpoch);
        int index = 0;
        for (int at = records.position(); at < records.limit(); at += BatchHeader.sizeInBytes(records, at)) {
            long ts = info.logAppendTimeMs() >= 0 ? info.logAppendTimeMs() : BatchHeader.maxTimestamp(records, at);
            plan.record(index++, BatchHeader.baseOffset(records, at), BatchHeader.lastOffset(records, at), ts);
        }
        plan.commit();
        if (partitionLog.segmentCount() > segmentsBefore) {
            // A new segment began: snapshot producer state so a restart replays only the new segment.
            producers.snapshot(partitionLog);
        }
        LeaderUpdate update = leaderState.onLocalAppend(partitionLog.logEndOffset());
        events.logEndMoved(tp);
        publish(update);
        return new AppendResult(ErrorCode.NONE, null, info.firstOffset(), info.lastOffset(), info.logAppendTimeMs(),
                info.logStartOffset(), false);
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

    /**
     * Where a follower's log diverges from this leader's, from the follower's last fetched epoch
     * (KIP-320's check, with the leader-epoch cache): present when the leader ends that epoch before
     * the fetch offset, or never had it. Such a fetch is answered with the diverging epoch and no
     * records, and is not counted as the follower's position. Lock-free.
     *
     * @return empty when the logs agree up to {@code fetchOffset}, or when no epoch was given
     */
    public Optional<EpochEndOffset> divergingEpoch(int lastFetchedEpoch, long fetchOffset) {
        if (lastFetchedEpoch < 0) {
            return Optional.empty();
        }
        io.tributary.log.EpochEndOffset local = partitionLog.leaderEpochs().endOffsetFor(lastFetchedEpoch);
        if (local.leaderEpoch() < 0) {
            // The follower names an epoch newer than any this leader knows: it cannot have been
            // elected from it. Send it back to the start of this leader's own newest epoch.
            int latest = partitionLog.leaderEpochs().latestEpoch();
            return Optional.of(new EpochEndOffset(Math.max(0, latest), partitionLog.logEndOffset()));
        }
        if (local.leaderEpoch() < lastFetchedEpoch || local.endOffset() < fetchOffset) {
            return Optional.of(new EpochEndOffset(local.leaderEpoch(), local.endOffset()));
        }
        return Optional.empty();
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
        followerBrokerEpochs.put(replicaId, replicaBrokerEpoch);
        publish(leaderState.onFollowerFetch(replicaId, fetchOffset, nowMs));
        return true;
    }

    /** The periodic ISR check ({@code replica.lag.time.max.ms}); may propose removing laggards. */
    public synchronized void maybeShrinkIsr(long nowMs, long replicaLagTimeMaxMs) {
        if (!closed && leaderState != null) {
            publish(leaderState.maybeShrinkIsr(nowMs, replicaLagTimeMaxMs));
        }
    }

    /** The broker epoch a follower last fetched with, or -1: what AlterPartition tells the controller. */
    public synchronized long followerBrokerEpoch(int replicaId) {
        return followerBrokerEpochs.getOrDefault(replicaId, -1L);
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
        if (leaderState == null || proposal.leaderEpoch() != leaderEpoch || leaderState.pendingProposal().orElse(null) != proposal) {
            return false;
        }
        inFlight = null;
        if (error == ErrorCode.NONE) {
            if (newPartitionEpoch > partitionEpoch) {
                partitionEpoch = newPartitionEpoch;
                log.info("Partition {}: ISR {} -> {} at leader epoch {}, partition epoch {} ({})", tp, leaderState.isr(), isr,
                        leaderEpoch, newPartitionEpoch, proposal.kind() == IsrProposal.Kind.SHRINK
                                ? "replicas " + proposal.changedReplicas() + " fell behind" : "replicas " + proposal.changedReplicas() + " caught up");
            }
            publish(leaderState.onIsrCommitted(new HashSet<>(isr)));
        } else {
            log.info("Partition {}: ISR change to {} refused by the controller with {} (leader epoch {}, partition epoch {})", tp,
                    proposal.proposedIsr(), error, leaderEpoch, partitionEpoch);
            publish(leaderState.onIsrProposalRejected());
        }
        return true;
    }

    /** The ISR this leader counts with, or empty when it does not lead. */
    public synchronized Set<Integer> isr() {
        return leaderState == null ? Set.of() : leaderState.isr();
    }

    // ------------------------------------------------------------------ follower: fetching from the leader

    /**
     * What the next fetch from the leader carries for this partition.
     *
     * @param lastFetchedEpoch the epoch of the log's last batch (-1 for an empty cache), for the leader's divergence check
     */
    public record FollowerFetch(int leaderId, int leaderEpoch, long fetchOffset, int lastFetchedEpoch, long logStartOffset) {
    }

    /** The next fetch to send, or empty while this partition has no leader to follow or is between steps. */
    public synchronized Optional<FollowerFetch> followerFetchState() {
        if (closed || followerState == null || followerState.phase() != FollowerState.Phase.READY) {
            return Optional.empty();
        }
        return Optional.of(new FollowerFetch(followerState.leaderId(), followerState.leaderEpoch(), followerState.fetchOffset(),
                partitionLog.leaderEpochs().latestEpoch(), partitionLog.logStartOffset()));
    }

    /** What a fetch response did to this follower. */
    public enum FetchOutcome {
        /** Batches were appended. */
        APPENDED,
        /** The log was cut back to where it agrees with the leader. */
        TRUNCATED,
        /** Nothing to write (perhaps the high watermark moved). */
        NONE,
        /** The response was for another epoch or offset, or this partition no longer follows: ignored. */
        STALE
    }

    /**
     * Applies one partition of the leader's fetch response: appends its batches unchanged (offsets
     * and epochs as the leader wrote them), or truncates to where the logs agree, as the
     * {@link FollowerState} decides; replays appended batches into producer state, so a follower that
     * becomes leader already knows every producer's sequence.
     *
     * @param records whole batches from the leader starting at {@code fetchOffset}; a trailing partial batch is ignored
     */
    public synchronized FetchOutcome onFetchResponse(int fetchLeaderEpoch, long fetchOffset, long leaderHighWatermark,
                                                     EpochEndOffset diverging, ByteBuffer records) {
        if (closed || followerState == null || followerState.leaderEpoch() != fetchLeaderEpoch
                || followerState.phase() != FollowerState.Phase.READY || followerState.fetchOffset() != fetchOffset) {
            return FetchOutcome.STALE;
        }
        ByteBuffer whole = records == null ? null : wholeBatches(records);
        Optional<FetchedPartition.OffsetRange> range = Optional.empty();
        if (whole != null && whole.hasRemaining() && diverging == null) {
            int last = lastBatchPosition(whole);
            range = Optional.of(new FetchedPartition.OffsetRange(BatchHeader.baseOffset(whole, whole.position()),
                    BatchHeader.lastOffset(whole, last) + 1));
        }
        FollowerAction action = followerState.onFetchResponse(new FetchedPartition(fetchOffset, Math.max(0, leaderHighWatermark),
                Optional.ofNullable(diverging), range), this::localEpochEnd);
        if (action instanceof FollowerAction.Append) {
            int segmentsBefore = partitionLog.segmentCount();
            try {
                partitionLog.appendAsFollower(whole);
            } catch (RuntimeException e) {
                followerState.onActionFailed(partitionLog.logEndOffset());
                throw e;
            }
            producers.replayAll(whole);
            if (partitionLog.segmentCount() > segmentsBefore) {
                producers.snapshot(partitionLog);
            }
            followerState.onAppended(partitionLog.logEndOffset());
            highWatermark = followerState.highWatermark();
            events.logEndMoved(tp);
            return FetchOutcome.APPENDED;
        }
        if (action instanceof FollowerAction.Truncate t) {
            truncateLocked(t.truncateToOffset(), "the leader's diverging epoch " + diverging.epoch() + " ends at "
                    + diverging.endOffset(), t.belowHighWatermark());
            return FetchOutcome.TRUNCATED;
        }
        highWatermark = followerState.highWatermark();
        return FetchOutcome.NONE;
    }

    /**
     * The leader answered OFFSET_OUT_OF_RANGE: below its log start (retention moved it), the follower
     * restarts its log there; otherwise (the follower is ahead of the leader, which only an unclean
     * election allows) it truncates to the leader's high watermark.
     */
    public synchronized FetchOutcome onFetchOffsetOutOfRange(int fetchLeaderEpoch, long fetchOffset, long leaderLogStartOffset,
                                                             long leaderHighWatermark) {
        if (closed || followerState == null || followerState.leaderEpoch() != fetchLeaderEpoch
                || followerState.phase() != FollowerState.Phase.READY || followerState.fetchOffset() != fetchOffset) {
            return FetchOutcome.STALE;
        }
        if (leaderLogStartOffset >= 0 && fetchOffset < leaderLogStartOffset) {
            log.info("Partition {}: fetch offset {} is below the leader's log start {} (epoch {}); restarting the log there", tp,
                    fetchOffset, leaderLogStartOffset, fetchLeaderEpoch);
            partitionLog.truncateFullyAndStartAt(leaderLogStartOffset);
            producers = ProducerStateManager.load(tp, partitionLog);
            highWatermark = leaderLogStartOffset;
            followerState = new FollowerState(followerState.leaderId(), fetchLeaderEpoch, leaderLogStartOffset, leaderLogStartOffset);
            return FetchOutcome.TRUNCATED;
        }
        long target = Math.max(0, Math.min(leaderHighWatermark, partitionLog.logEndOffset()));
        long leo = partitionLog.logEndOffset();
        long newEnd = partitionLog.truncateTo(target);
        producers = ProducerStateManager.load(tp, partitionLog);
        highWatermark = Math.min(highWatermark, newEnd);
        followerState = new FollowerState(followerState.leaderId(), fetchLeaderEpoch, newEnd, highWatermark);
        log.warn("Partition {}: follower was ahead of leader epoch {} (fetch offset {} out of range); truncated {} records to {}",
                tp, fetchLeaderEpoch, fetchOffset, leo - newEnd, newEnd);
        return FetchOutcome.TRUNCATED;
    }

    private void truncateLocked(long target, String why, boolean belowHighWatermark) {
        long leo = partitionLog.logEndOffset();
        int epochBefore = partitionLog.leaderEpochs().latestEpoch();
        long newEnd;
        try {
            newEnd = partitionLog.truncateTo(target);
        } catch (RuntimeException e) {
            followerState.onActionFailed(partitionLog.logEndOffset());
            throw e;
        }
        producers = ProducerStateManager.load(tp, partitionLog);
        followerState.onTruncated(newEnd);
        highWatermark = followerState.highWatermark();
        String line = "Partition {}: truncated {} records (log end {} -> {}, last epoch {} -> {}) following leader {} at epoch {}: {}";
        Object[] args = {tp, leo - newEnd, leo, newEnd, epochBefore, partitionLog.leaderEpochs().latestEpoch(),
                followerState.leaderId(), followerState.leaderEpoch(), why};
        if (belowHighWatermark) {
            log.warn(line + " (below the high watermark: this follows an unclean election)", args);
        } else {
            log.info(line, args);
        }
    }

    /** The largest local epoch at or below {@code epoch} and where it ends (the next epoch's start, or the log end). */
    private Optional<EpochEndOffset> localEpochEnd(int epoch) {
        List<io.tributary.log.EpochEntry> entries = partitionLog.leaderEpochs().entries();
        int floor = -1;
        for (int i = 0; i < entries.size() && entries.get(i).epoch() <= epoch; i++) {
            floor = i;
        }
        if (floor < 0) {
            return Optional.empty();
        }
        long end = floor + 1 < entries.size() ? entries.get(floor + 1).startOffset() : partitionLog.logEndOffset();
        return Optional.of(new EpochEndOffset(entries.get(floor).epoch(), end));
    }

    /** {@code records} cut after its last whole batch (a leader may end a response mid-batch). */
    private static ByteBuffer wholeBatches(ByteBuffer records) {
        ByteBuffer b = records.duplicate();
        int at = b.position();
        while (b.limit() - at >= BatchHeader.LOG_OVERHEAD) {
            int size = BatchHeader.sizeInBytes(b, at);
            if (size < BatchHeader.LOG_OVERHEAD || b.limit() - at < size) {
                break;
            }
            at += size;
        }
        b.limit(at);
        return b;
    }

    private static int lastBatchPosition(ByteBuffer whole) {
        int last = whole.position();
        for (int at = whole.position(); at < whole.limit(); at += BatchHeader.sizeInBytes(whole, at)) {
            last = at;
        }
        return last;
    }

    /** Carries a leader update out: the new high watermark (waking waiters) and any ISR proposal. Holds the lock. */
    private void publish(LeaderUpdate update) {
        hasMinIsr = leaderState != null && leaderState.hasMinIsr();
        highWatermark = update.highWatermark();
        if (update.highWatermarkMoved()) {
            events.highWatermarkMoved(tp);
        }
        if (update.proposal().isPresent()) {
            inFlight = update.proposal().get();
            events.isrProposed(this, inFlight);
        }
    }

    private void publishLeaderState(long hwBefore, boolean newTerm) {
        hasMinIsr = leaderState.hasMinIsr();
        highWatermark = leaderState.highWatermark();
        if (newTerm || highWatermark != hwBefore) {
            events.highWatermarkMoved(tp);
        }
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
            producers.onLogStartOffset(partitionLog.logStartOffset());
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
