package io.tributary.broker.partition;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import io.tributary.common.records.BatchRefusal;
import io.tributary.common.records.BatchScan;
import io.tributary.common.records.CheckedBatch;
import io.tributary.common.records.CheckedBatches;
import io.tributary.log.AppendInfo;
import io.tributary.log.LogConfig;
import io.tributary.log.PartitionLog;
import io.tributary.replication.partition.LeaderState;
import io.tributary.replication.producer.ProducerCheck;
import io.tributary.replication.producer.ProducerStateTable;
import java.nio.ByteBuffer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A produce on the leader, from the request's bytes to the log: the records are checked once
 * ({@link BatchScan}: sizes, magic, counts, CRC, the leader's policy on batch types and codecs), then
 * the {@code acks=all} rule on the ISR, then each batch's producer (idempotence: a retried batch is
 * answered with its original offsets, an out-of-order or fenced one is refused), and only then are the
 * batches appended and the producer state committed. What the scan read is carried to every later
 * step, which read no header again. The rules are in {@code docs/design/idempotence.md}.
 *
 * <p>Not thread-safe: {@link Partition#appendAsLeader} calls it under the partition's lock, so the
 * idempotence check, the append and the producer-state commit are one atomic step. Moving the high
 * watermark and waking waiters stays with the partition.
 */
final class LeaderAppend {

    // The lines keep the partition's logger: operators filter on it, and they are the partition's events.
    private static final Logger log = LoggerFactory.getLogger(Partition.class);

    private LeaderAppend() {
    }

    /**
     * Checks and appends {@code records} at {@code leaderEpoch}. Returns a failure, a duplicate's
     * original offsets (nothing written), or what was written; only the last moved the log end.
     *
     * @param requiredAcks 0, 1 or -1; -1 is refused up front when the ISR is below {@code min.insync.replicas}
     */
    static AppendResult append(TopicPartition tp, PartitionLog partitionLog, ProducerStateManager producers, LeaderState leaderState,
                               int leaderEpoch, ByteBuffer records, short requiredAcks) {
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
        AppendResult refusedOrDuplicate = checkProducers(tp, partitionLog, cfg, plan, batches.batches());
        if (refusedOrDuplicate != null) {
            return refusedOrDuplicate;
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
        return new AppendResult(ErrorCode.NONE, null, info.firstOffset(), info.lastOffset(), info.logAppendTimeMs(),
                info.logStartOffset(), false);
    }

    /** The idempotence check of every batch: the answer to a duplicate or a refusal, or null when all may be written. */
    private static AppendResult checkProducers(TopicPartition tp, PartitionLog partitionLog, LogConfig cfg,
                                               ProducerStateTable.AppendPlan plan, List<CheckedBatch> batches) {
        for (CheckedBatch b : batches) {
            ProducerCheck check = plan.check(b.producerId(), b.producerEpoch(), b.baseSequence(), b.lastSequence());
            if (check instanceof ProducerCheck.Duplicate d) {
                // Kafka answers a request holding a retried batch with that batch's original offsets and writes nothing.
                log.debug("Partition {}: duplicate batch from producer {} answered with offsets {}..{}", tp,
                        b.producerId(), d.firstOffset(), d.lastOffset());
                // Under LogAppendTime the first answer carried the time the batch was stamped with, and the
                // client takes it as the records' timestamp: the retry must carry the same one, which the
                // batch's metadata kept (the header's max timestamp on a replica that replayed it).
                long appendTimeMs = cfg.messageTimestampType() == LogConfig.TimestampType.LOG_APPEND_TIME ? d.timestampMs() : -1L;
                return new AppendResult(ErrorCode.NONE, null, d.firstOffset(), d.lastOffset(), appendTimeMs,
                        partitionLog.logStartOffset(), true);
            }
            if (check instanceof ProducerCheck.Reject r) {
                log.debug("Partition {}: batch refused: {}", tp, r.reason());
                return AppendResult.failed(r.error(), r.reason());
            }
        }
        return null;
    }
}
