package io.tributary.broker.partition;

import io.tributary.common.TopicPartition;
import io.tributary.common.records.BatchHeader;
import io.tributary.log.PartitionLog;
import io.tributary.log.ProducerSnapshot;
import io.tributary.replication.producer.ProducerEntry;
import io.tributary.replication.producer.ProducerSnapshotCodec;
import io.tributary.replication.producer.ProducerStateTable;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A partition's idempotence state and its persistence: rebuilt at open from the newest producer
 * snapshot plus the batches after it, snapshotted on segment roll, after retention and on clean
 * shutdown. The rules are in {@code docs/design/idempotence.md}.
 *
 * <p>Not thread-safe: its {@link Partition} calls it under the partition's lock.
 */
final class ProducerStateManager {

    private static final Logger log = LoggerFactory.getLogger(ProducerStateManager.class);

    private final TopicPartition tp;
    private final ProducerStateTable table = new ProducerStateTable();

    private ProducerStateManager(TopicPartition tp) {
        this.tp = tp;
    }

    /** Loads the newest intact snapshot and replays every batch after it. */
    static ProducerStateManager load(TopicPartition tp, PartitionLog partitionLog) {
        ProducerStateManager m = new ProducerStateManager(tp);
        m.loadFrom(partitionLog);
        return m;
    }

    /**
     * Brings the state back to the log as it is now, after a follower's truncation to its log end. A
     * follower's cut is normally a few batches of an old leader's uncommitted tail, so when the table
     * still holds, for every producer the cut touched, a batch below the cut, those batches are simply
     * forgotten ({@link ProducerStateTable#truncateTailIfRetained}): this runs on the fetcher thread,
     * and a reload replays the log from the last snapshot (every batch of the segment, hundreds of ms
     * for a large one), holding every partition that fetcher serves, a new leader's followers included.
     * Otherwise it loads again: the newest snapshot at or below the cut plus the batches after it
     * (snapshots above the cut are gone). A producer the reload cannot see but whose batches all lay
     * below the cut is kept as it was: the cut did not touch it, and retention may have deleted its
     * batches and every snapshot naming it.
     */
    void rebuildAfterTruncation(PartitionLog partitionLog) {
        if (table.truncateTailIfRetained(partitionLog.logEndOffset())) {
            log.debug("Partition {}: producer state cut at offset {} without a reload ({} producers)", tp, partitionLog.logEndOffset(),
                    table.size());
            return;
        }
        List<ProducerEntry> before = List.copyOf(table.entries());
        table.restore(List.of());
        loadFrom(partitionLog);
        int kept = table.restoreUntouched(before, partitionLog.logEndOffset());
        if (kept > 0) {
            log.info("Partition {}: kept {} producers below the truncation at offset {} that the log no longer holds", tp, kept,
                    partitionLog.logEndOffset());
        }
    }

    /** Forgets every producer and loads from the log: after the log was emptied to restart at the leader's log start. */
    void rebuildAfterRestart(PartitionLog partitionLog) {
        table.restore(List.of());
        loadFrom(partitionLog);
    }

    private void loadFrom(PartitionLog partitionLog) {
        ProducerStateManager m = this;
        long from = partitionLog.logStartOffset();
        Optional<ProducerSnapshot> snap = partitionLog.latestProducerSnapshot();
        if (snap.isPresent()) {
            ByteBuffer b = snap.get().bytes().duplicate();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            try {
                m.table.restore(ProducerSnapshotCodec.decode(bytes));
                from = Math.max(from, snap.get().offset());
            } catch (ProducerSnapshotCodec.CorruptSnapshotException e) {
                log.warn("Partition {}: producer snapshot at offset {} is corrupt ({}); rebuilding from the whole log", tp,
                        snap.get().offset(), e.getMessage());
            }
        }
        int[] replayed = {0};
        int[] skipped = {0};
        if (from < partitionLog.logEndOffset()) {
            partitionLog.scanBatches(from, header -> {
                if (m.replay(header)) {
                    replayed[0]++;
                } else {
                    skipped[0]++;
                }
                return true;
            });
        }
        if (snap.isPresent() || replayed[0] > 0) {
            log.info("Partition {}: producer state rebuilt from {} plus {} batches after offset {}: {} producers", tp,
                    snap.map(s -> "the snapshot at offset " + s.offset()).orElse("no snapshot"), replayed[0], from, m.table.size());
        }
        if (skipped[0] > 0) {
            log.warn("Partition {}: {} batches could not be replayed into producer state", tp, skipped[0]);
        }
    }

    /** Replays one batch header (at index 0 of {@code h}); returns false when the table refused it. */
    private boolean replay(ByteBuffer h) {
        long pid = BatchHeader.producerId(h, 0);
        if (pid < 0 || BatchHeader.isControl(h, 0)) {
            return true;
        }
        try {
            table.replay(pid, BatchHeader.producerEpoch(h, 0), BatchHeader.baseSequence(h, 0), BatchHeader.lastSequence(h, 0),
                    BatchHeader.baseOffset(h, 0), BatchHeader.lastOffset(h, 0), BatchHeader.maxTimestamp(h, 0));
            return true;
        } catch (IllegalStateException e) {
            // A batch the table refuses must not make the partition unreadable; the log is the truth.
            log.debug("Partition {}: producer state replay refused: {}", tp, e.getMessage());
            return false;
        }
    }

    /**
     * Replays batches a follower appended as the leader wrote them (walking their headers), so that
     * this replica's table matches the leader's and a retry that reaches it after a failover is
     * recognised as a duplicate.
     */
    void replayAll(ByteBuffer batches) {
        for (int at = batches.position(); at < batches.limit(); at += BatchHeader.sizeInBytes(batches, at)) {
            replay(batches.slice(at, BatchHeader.SIZE));
        }
    }

    ProducerStateTable table() {
        return table;
    }

    /** Writes the state as of the log end. */
    void snapshot(PartitionLog partitionLog) {
        long offset = partitionLog.logEndOffset();
        partitionLog.writeProducerSnapshot(offset, ByteBuffer.wrap(ProducerSnapshotCodec.encode(table)));
        log.debug("Partition {}: producer snapshot written at offset {} ({} producers)", tp, offset, table.size());
    }

    /**
     * Retention moved the log start: the producers stay (KIP-360), but the snapshots below the new log
     * start went with their segments, and a snapshot is written only on roll, so the producers whose
     * batches are gone would be lost by a restart that rebuilds from the log. A snapshot at the log
     * end keeps them.
     */
    void afterRetention(PartitionLog partitionLog) {
        snapshot(partitionLog);
    }

    int expire(long nowMs, long expirationMs) {
        return table.expire(nowMs, expirationMs);
    }
}
