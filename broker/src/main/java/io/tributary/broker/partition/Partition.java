package io.tributary.broker.partition;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.common.TopicPartition;
import io.tributary.common.records.BatchRefusal;
import io.tributary.common.records.BatchScan;
import io.tributary.common.records.CheckedBatch;
import io.tributary.common.records.CheckedBatches;
import io.tributary.common.records.RecordsSlice;
import io.tributary.log.AppendInfo;
import io.tributary.log.LogConfig;
import io.tributary.log.LogReadResult;
import io.tributary.log.PartitionLog;
import io.tributary.replication.partition.LeaderState;
import io.tributary.replication.producer.ProducerCheck;
import io.tributary.replication.producer.ProducerStateTable;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition hosted on this node: its log, its role (leader with a {@link LeaderState}, or not
 * leading), and its producer state.
 *
 * <p>Threading: appends, role changes, retention and close hold the partition's monitor, so the
 * idempotence check, the append and the producer-state commit are one atomic step. Reads (fetch,
 * list offsets) take no lock: they use the log's lock-free reads and the volatile high watermark.
 *
 * <p>Roles: not leading → leader (epoch e) → leader (epoch e' > e) → ... → closed. A role change to
 * an epoch older than the current one is refused.
 */
public final class Partition {

    private static final Logger log = LoggerFactory.getLogger(Partition.class);

    private final TopicPartition tp;
    private final TopicId topicId;
    private final int localId;
    private final PartitionLog partitionLog;
    private final ProducerStateManager producers;
    private LeaderState leaderState;            // guarded by this; null unless leading
    private List<Integer> replicas = List.of(); // guarded by this
    private int minInsyncReplicas = 1;          // guarded by this
    private volatile int leaderId = -1;
    private volatile int leaderEpoch = -1;
    private volatile long highWatermark;
    private volatile boolean closed;

    Partition(TopicPartition tp, TopicId topicId, int localId, PartitionLog partitionLog) {
        this.tp = tp;
        this.topicId = topicId;
        this.localId = localId;
        this.partitionLog = partitionLog;
        this.producers = ProducerStateManager.load(tp, partitionLog);
        // Until this node leads, nothing is known committed beyond what the log held at open.
        this.highWatermark = partitionLog.logEndOffset();
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

    /**
     * Becomes (or stays) leader for {@code epoch} with the given replicas and ISR. A single node's ISR is
     * itself, so its high watermark is its log end; the same path serves replicated partitions.
     */
    public synchronized void makeLeader(int epoch, List<Integer> replicas, List<Integer> isr, int minInsyncReplicas, long nowMs) {
        if (epoch < leaderEpoch) {
            throw new IllegalStateException("partition " + tp + " asked to lead at epoch " + epoch + " but is at " + leaderEpoch);
        }
        boolean newTerm = leaderState == null || epoch != leaderEpoch;
        if (newTerm) {
            long leo = partitionLog.logEndOffset();
            long hw = Math.min(highWatermark, leo);
            leaderState = new LeaderState(localId, epoch, new HashSet<>(replicas), new HashSet<>(isr), minInsyncReplicas, leo, hw, nowMs);
            log.info("Partition {}: leader at epoch {} with ISR {}, log [{}, {}), high watermark {}", tp, epoch, isr,
                    partitionLog.logStartOffset(), leo, leaderState.highWatermark());
        } else if (!leaderState.isr().equals(new HashSet<>(isr))) {
            leaderState.onIsrCommitted(new HashSet<>(isr));
        }
        this.replicas = List.copyOf(replicas);
        this.minInsyncReplicas = minInsyncReplicas;
        leaderId = localId;
        leaderEpoch = epoch;
        highWatermark = leaderState.highWatermark();
    }

    /** Stops leading: another broker leads {@code epoch}, or none does ({@code leader} -1). */
    public synchronized void makeNotLeader(int leader, int epoch) {
        if (epoch < leaderEpoch) {
            throw new IllegalStateException("partition " + tp + " told of epoch " + epoch + " but is at " + leaderEpoch);
        }
        if (leaderState != null) {
            log.info("Partition {}: no longer leader (leader {} at epoch {})", tp, leader, epoch);
        }
        leaderState = null;
        leaderId = leader;
        leaderEpoch = epoch;
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
     * checked once ({@link BatchScan}: sizes, magic, counts, CRC, the leader's policy on batch types and
     * codecs) and what the check read is carried to the idempotence check, the log and the producer-state
     * commit, which read no header again. Only then are the bytes rewritten in place (base offsets,
     * leader epoch, and under LogAppendTime the timestamp and CRC): normally they are a writable view of
     * the request frame, which belongs to this one request, so nothing is copied. A read-only buffer is
     * copied once onto the heap by the log. Either way the caller must not share {@code records} with
     * anyone who expects the bytes unchanged.
     *
     * @param requiredAcks 0, 1 or -1; -1 is refused up front when the ISR is below {@code min.insync.replicas}
     */
    public synchronized AppendResult appendAsLeader(ByteBuffer records, short requiredAcks, long nowMs) {
        if (closed || leaderState == null) {
            return AppendResult.failed(ErrorCode.NOT_LEADER_OR_FOLLOWER, "this node does not lead " + tp);
        }
        LogConfig cfg = partitionLog.config();
        BatchScan.Result scanned = BatchScan.scan(records, cfg.maxMessageBytes(), true);
        if (scanned instanceof BatchRefusal refused) {
            return AppendResult.failed(refused.error(), refused.reason());
        }
        CheckedBatches batches = (CheckedBatches) scanned;
        if (batches.leaderRefusal().isPresent()) {
            BatchRefusal refused = batches.leaderRefusal().get();
            return AppendResult.failed(refused.error(), refused.reason());
        }
        if (requiredAcks == -1 && !leaderState.hasMinIsr()) {
            return AppendResult.failed(ErrorCode.NOT_ENOUGH_REPLICAS, "ISR " + leaderState.isr()
                    + " is smaller than min.insync.replicas");
        }
        ProducerStateTable.AppendPlan plan = producers.table().plan();
        for (CheckedBatch b : batches.batches()) {
            ProducerCheck check = plan.check(b.producerId(), b.producerEpoch(), b.baseSequence(), b.lastSequence());
            if (check instanceof ProducerCheck.Duplicate d) {
                // Kafka answers a request holding a retried batch with that batch's original offsets and writes nothing.
                log.debug("Partition {}: duplicate batch from producer {} answered with offsets {}..{}", tp,
                        b.producerId(), d.firstOffset(), d.lastOffset());
                return new AppendResult(ErrorCode.NONE, null, d.firstOffset(), d.lastOffset(), -1L,
                        partitionLog.logStartOffset(), true);
            }
            if (check instanceof ProducerCheck.Reject r) {
                log.debug("Partition {}: batch refused: {}", tp, r.reason());
                return AppendResult.failed(r.error(), r.reason());
            }
        }
        int segmentsBefore = partitionLog.segmentCount();
        AppendInfo info = partitionLog.appendAsLeader(batches, leaderEpoch);
        List<CheckedBatch> appended = batches.batches();
        for (int i = 0; i < appended.size(); i++) {
            CheckedBatch b = appended.get(i);
            long first = info.firstOffset() + b.offsetDelta();
            long ts = info.logAppendTimeMs() >= 0 ? info.logAppendTimeMs() : b.maxTimestamp();
            plan.record(i, first, first + b.lastOffsetDelta(), ts);
        }
        plan.commit();
        if (partitionLog.segmentCount() > segmentsBefore) {
            // A new segment began: snapshot producer state so a restart replays only the new segment.
            producers.snapshot(partitionLog);
        }
        leaderState.onLocalAppend(partitionLog.logEndOffset());
        highWatermark = leaderState.highWatermark();
        return new AppendResult(ErrorCode.NONE, null, info.firstOffset(), info.lastOffset(), info.logAppendTimeMs(),
                info.logStartOffset(), false);
    }

    /** Whether an acks=all append up to {@code requiredOffset} is satisfied, failed, or still waiting. */
    public ErrorCode checkReplicated(long requiredOffset) {
        if (closed || !isLeader()) {
            return ErrorCode.NOT_LEADER_OR_FOLLOWER;
        }
        if (highWatermark >= requiredOffset) {
            synchronized (this) {
                return leaderState != null && !leaderState.hasMinIsr() ? ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND : ErrorCode.NONE;
            }
        }
        return null;
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
            highWatermark = Math.max(highWatermark, leaderState.onMinInsyncReplicasChanged(newMinInsyncReplicas).highWatermark());
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
