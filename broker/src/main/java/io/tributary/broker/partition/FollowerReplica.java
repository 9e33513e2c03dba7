package io.tributary.broker.partition;

import io.tributary.common.TopicPartition;
import io.tributary.common.records.BatchHeader;
import io.tributary.log.EpochEntry;
import io.tributary.log.PartitionLog;
import io.tributary.replication.partition.EpochEndOffset;
import io.tributary.replication.partition.FetchedPartition;
import io.tributary.replication.partition.FollowerAction;
import io.tributary.replication.partition.FollowerState;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition's follower side for one leader and epoch: where to fetch next, and what the
 * leader's answers do to the local log. The {@link FollowerState} decides (append, truncate, or
 * nothing); this class carries the decision out on the {@link PartitionLog} and the producer state,
 * and reports the log's new end back to it.
 *
 * <p>Appended batches are the leader's bytes unchanged (offsets, epochs, CRCs). They are replayed into
 * the producer-state table, and a segment roll snapshots it, as on the leader, so that this replica,
 * once leader, knows every producer's sequence numbers. After a truncation the table is rebuilt from
 * the newest snapshot below the cut plus the log tail.
 *
 * <p>Not thread-safe: its {@link Partition} calls it under the partition's lock.
 */
final class FollowerReplica {

    private static final Logger log = LoggerFactory.getLogger(FollowerReplica.class);

    private final TopicPartition tp;
    private final PartitionLog partitionLog;
    private final ProducerStateManager producers;
    private FollowerState state;

    FollowerReplica(TopicPartition tp, PartitionLog partitionLog, ProducerStateManager producers, int leaderId, int leaderEpoch,
                    long highWatermark) {
        this.tp = tp;
        this.partitionLog = partitionLog;
        this.producers = producers;
        this.state = new FollowerState(leaderId, leaderEpoch, partitionLog.logEndOffset(), highWatermark);
    }

    int leaderId() {
        return state.leaderId();
    }

    int leaderEpoch() {
        return state.leaderEpoch();
    }

    long highWatermark() {
        return state.highWatermark();
    }

    Optional<FollowerFetch> nextFetch() {
        if (state.phase() != FollowerState.Phase.READY) {
            return Optional.empty();
        }
        return Optional.of(new FollowerFetch(state.leaderId(), state.leaderEpoch(), state.fetchOffset(),
                partitionLog.leaderEpochs().latestEpoch(), partitionLog.logStartOffset()));
    }

    /** Whether a response to a fetch made at {@code fetchOffset} in {@code fetchLeaderEpoch} is for the fetch this replica would make now. */
    boolean isCurrent(int fetchLeaderEpoch, long fetchOffset) {
        return state.leaderEpoch() == fetchLeaderEpoch && state.phase() == FollowerState.Phase.READY && state.fetchOffset() == fetchOffset;
    }

    /** Applies a successful response (see {@link Partition#onFetchResponse}); the caller checked {@link #isCurrent}. */
    FetchOutcome apply(long fetchOffset, long leaderHighWatermark, EpochEndOffset diverging, ByteBuffer records) {
        ByteBuffer whole = records == null ? null : wholeBatches(records);
        Optional<FetchedPartition.OffsetRange> range = Optional.empty();
        if (whole != null && whole.hasRemaining() && diverging == null) {
            range = Optional.of(new FetchedPartition.OffsetRange(BatchHeader.baseOffset(whole, whole.position()),
                    BatchHeader.lastOffset(whole, lastBatchPosition(whole)) + 1));
        }
        FollowerAction action = state.onFetchResponse(new FetchedPartition(fetchOffset, Math.max(0, leaderHighWatermark),
                Optional.ofNullable(diverging), range), this::localEpochEnd);
        if (action instanceof FollowerAction.Append) {
            int segmentsBefore = partitionLog.segmentCount();
            try {
                partitionLog.appendAsFollower(whole);
            } catch (RuntimeException e) {
                state.onActionFailed(partitionLog.logEndOffset());
                throw e;
            }
            producers.replayAll(whole);
            if (partitionLog.segmentCount() > segmentsBefore) {
                producers.snapshot(partitionLog);
            }
            state.onAppended(partitionLog.logEndOffset());
            return FetchOutcome.APPENDED;
        }
        if (action instanceof FollowerAction.Truncate t) {
            truncate(t.truncateToOffset(), "the leader's diverging epoch " + diverging.epoch() + " ends at " + diverging.endOffset(),
                    t.belowHighWatermark());
            return FetchOutcome.TRUNCATED;
        }
        return FetchOutcome.NONE;
    }

    /**
     * Follows the leader's log start offset (DeleteRecords, or retention on the leader): never down,
     * and never past this replica's high watermark, so it never gives up records it has not yet seen
     * committed. Whole segments below it go, as on the leader.
     */
    void followLogStart(long leaderLogStartOffset) {
        long target = Math.min(leaderLogStartOffset, Math.min(state.highWatermark(), partitionLog.logEndOffset()));
        if (target > partitionLog.logStartOffset()
                && partitionLog.advanceLogStartOffset(target, "the log start of leader " + state.leaderId())) {
            producers.afterRetention(partitionLog);
        }
    }

    /** Applies OFFSET_OUT_OF_RANGE (see {@link Partition#onFetchOffsetOutOfRange}); the caller checked {@link #isCurrent}. */
    FetchOutcome applyOutOfRange(long fetchOffset, long leaderLogStartOffset, long leaderHighWatermark) {
        int leaderId = state.leaderId();
        int epoch = state.leaderEpoch();
        if (leaderLogStartOffset >= 0 && fetchOffset < leaderLogStartOffset) {
            log.info("Partition {}: fetch offset {} is below the log start {} of leader {} at epoch {}; restarting the log there", tp,
                    fetchOffset, leaderLogStartOffset, leaderId, epoch);
            partitionLog.truncateFullyAndStartAt(leaderLogStartOffset);
            producers.rebuildAfterRestart(partitionLog);
            state = new FollowerState(leaderId, epoch, leaderLogStartOffset, leaderLogStartOffset);
            return FetchOutcome.TRUNCATED;
        }
        long leo = partitionLog.logEndOffset();
        long newEnd = partitionLog.truncateTo(Math.max(0, Math.min(leaderHighWatermark, leo)));
        producers.rebuildAfterTruncation(partitionLog);
        state = new FollowerState(leaderId, epoch, newEnd, Math.min(state.highWatermark(), newEnd));
        log.warn("Partition {}: this follower was ahead of leader {} at epoch {} (fetch offset {} out of range); truncated {} records "
                + "to {}", tp, leaderId, epoch, fetchOffset, leo - newEnd, newEnd);
        return FetchOutcome.TRUNCATED;
    }

    private void truncate(long target, String why, boolean belowHighWatermark) {
        long leo = partitionLog.logEndOffset();
        int epochBefore = partitionLog.leaderEpochs().latestEpoch();
        long newEnd;
        try {
            newEnd = partitionLog.truncateTo(target);
        } catch (RuntimeException e) {
            state.onActionFailed(partitionLog.logEndOffset());
            throw e;
        }
        producers.rebuildAfterTruncation(partitionLog);
        state.onTruncated(newEnd);
        String line = "Partition {}: truncated {} records (log end {} -> {}, last epoch {} -> {}) following leader {} at epoch {}: {}";
        Object[] args = {tp, leo - newEnd, leo, newEnd, epochBefore, partitionLog.leaderEpochs().latestEpoch(), state.leaderId(),
            state.leaderEpoch(), why};
        if (belowHighWatermark) {
            log.warn(line + " (below the high watermark: this follows an unclean election)", args);
        } else {
            log.info(line, args);
        }
    }

    /**
     * The largest local epoch at or below {@code epoch} and where it ends (the next epoch's start, or
     * the log end); {@code (epoch, start of the oldest local epoch)} when every local epoch is newer
     * ({@code FollowerState.LocalEpochs}' contract).
     */
    private Optional<EpochEndOffset> localEpochEnd(int epoch) {
        List<EpochEntry> entries = partitionLog.leaderEpochs().entries();
        int floor = -1;
        for (int i = 0; i < entries.size() && entries.get(i).epoch() <= epoch; i++) {
            floor = i;
        }
        if (floor < 0) {
            // Every local epoch is newer (or there is none): nothing local is in the leader's log
            // for that epoch, so the answer is where the oldest local epoch starts.
            return entries.isEmpty() ? Optional.empty() : Optional.of(new EpochEndOffset(epoch, entries.get(0).startOffset()));
        }
        long end = floor + 1 < entries.size() ? entries.get(floor + 1).startOffset() : partitionLog.logEndOffset();
        return Optional.of(new EpochEndOffset(entries.get(floor).epoch(), end));
    }

    /** {@code records} cut after its last whole batch (a leader may end a response mid-batch). */
    static ByteBuffer wholeBatches(ByteBuffer records) {
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
}
