package io.tributary.log;

import io.tributary.common.records.BatchHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cleaning of one compacted log, on one cleaner thread, with that thread's {@link OffsetMap}:
 * <ol>
 *   <li>map each key of the dirty part ([first dirty, first uncleanable), see {@link CleaningPlanner})
 *       to its latest offset, stopping early, at a batch, if the map fills; compressed batches are
 *       opened ({@link BatchCompression}), and one that cannot be is logged and left unmapped;</li>
 *   <li>find the last batch of every producer id in the log;</li>
 *   <li>rewrite every segment from the log start up to where the map reached, in groups that fit one
 *       segment ({@code segment.bytes}), each into one cleaned segment ({@link SegmentRewriter}), and
 *       swap each group in as soon as it is written ({@link CleanedSegmentSwap});</li>
 *   <li>move the cleaner checkpoint to where the map reached.</li>
 * </ol>
 * Appends, reads, retention and truncation go on meanwhile: the cleaner reads only segments that
 * are no longer active, writes only new files, and a swap that finds its segments gone (retention or
 * a truncation got there first) is dropped.
 */
final class Compactor {

    private static final Logger LOG = LoggerFactory.getLogger(Compactor.class);

    /** What one cleaning did, for the operator's log line. */
    record Result(long bytesBefore, long bytesAfter, long recordsRead, long recordsRemoved, long batchesRemoved,
                  int segmentsBefore, int segmentsAfter, long firstDirtyOffset, long cleanedUpTo, boolean mapFull,
                  long batchesKeptUndecodable) {
    }

    /** Thrown when the cleaner is stopping: the cleaning in progress is given up, its files deleted. */
    static final class Aborted extends RuntimeException {
        Aborted() {
            super("the log cleaner is stopping", null, false, false);
        }
    }

    private final OffsetMap map;
    private final int ioBufferBytes;
    private final IoThrottler throttler;
    private final BooleanSupplier stopping;
    private final int decompressedBytesMax;

    /** A compactor that opens compressed batches of up to {@link BatchCompression#DECOMPRESSED_BYTES_MAX}. */
    Compactor(OffsetMap map, int ioBufferBytes, IoThrottler throttler, BooleanSupplier stopping) {
        this(map, ioBufferBytes, BatchCompression.DECOMPRESSED_BYTES_MAX, throttler, stopping);
    }

    /**
     * @param decompressedBytesMax the largest a compressed batch may inflate to; larger ones are kept whole
     * @param stopping true once the cleaner stops: checked between batches, so a broker's shutdown never waits out a cleaning
     */
    Compactor(OffsetMap map, int ioBufferBytes, int decompressedBytesMax, IoThrottler throttler, BooleanSupplier stopping) {
        this.map = map;
        this.decompressedBytesMax = decompressedBytesMax;
        this.ioBufferBytes = ioBufferBytes;
        this.throttler = throttler;
        this.stopping = stopping;
    }

    private void checkNotStopping() {
        if (stopping.getAsBoolean()) {
            throw new Aborted();
        }
    }

    /** Cleans {@code log} as {@code plan} allows; null if nothing could be cleaned. */
    Result clean(PartitionLog log, CleaningPlanner.Plan plan, long nowMs) throws IOException {
        LogState s = log.currentState();
        LogConfig config = log.config();
        map.clear();
        long mapEnd = buildMap(log, s, plan.firstDirtyOffset(), plan.firstUncleanableOffset());
        boolean mapFull = mapEnd < plan.firstUncleanableOffset();
        Map<Long, Long> lastBatchOfProducer = lastBatchOfEachProducer(log, s.logStartOffset());

        List<List<LogSegment>> groups = groups(s, mapEnd, plan.firstUncleanableOffset(), config);
        if (groups.isEmpty()) {
            return null;
        }
        SegmentRewriter rewriter = new SegmentRewriter(map, lastBatchOfProducer, nowMs,
                config.compaction().deleteRetentionMs(), ioBufferBytes, decompressedBytesMax, throttler, this::checkNotStopping);
        long bytesBefore = 0;
        long bytesAfter = 0;
        int segmentsBefore = 0;
        int segmentsAfter = 0;
        boolean allSwapped = true;
        for (List<LogSegment> group : groups) {
            LogSegment last = group.get(group.size() - 1);
            long replacedEnd = upperBound(s, last);
            LogSegment cleaned = LogSegment.create(log.dir(), group.get(0).baseOffset, CleanedSegmentSwap.CLEANED_SUFFIX, config, nowMs);
            boolean swapped = false;
            try {
                for (LogSegment seg : group) {
                    bytesBefore += seg.size();
                    rewriter.rewrite(seg, seg.size(), cleaned);
                }
                cleaned.makeInactive();
                cleaned.flush();
                swapped = log.replaceWithCleaned(group, cleaned, replacedEnd);
            } finally {
                if (!swapped) {
                    cleaned.closeAndDeleteFiles();
                }
            }
            if (!swapped) {
                allSwapped = false;
                break;
            }
            bytesAfter += cleaned.size();
            segmentsBefore += group.size();
            segmentsAfter++;
        }
        // The checkpoint says "each key once below here": only true if every group was swapped in.
        long cleanedUpTo = allSwapped ? Math.min(mapEnd, plan.firstUncleanableOffset()) : plan.firstDirtyOffset();
        log.cleanerCheckpoint().advanceTo(cleanedUpTo, rewriter.earliestHorizonMs());
        SegmentRewriter.Stats st = rewriter.stats;
        return new Result(bytesBefore, bytesAfter, st.recordsRead, st.recordsRemoved, st.batchesRemoved, segmentsBefore,
                segmentsAfter, plan.firstDirtyOffset(), cleanedUpTo, mapFull, st.batchesKeptUndecodable);
    }

    /**
     * Maps the keys of the non-control batches in [from, to) to their latest offsets, opening
     * compressed batches ({@link BatchCompression}); one that cannot be opened is logged and left
     * unmapped (the rewrite keeps it whole). Returns the offset the map covers up to: {@code to}, or
     * the base of the batch that did not fit.
     */
    private long buildMap(PartitionLog log, LogState s, long from, long to) throws IOException {
        ByteBuffer header = FileBatches.newHeaderBuffer();
        CleanedBatch.Record r = new CleanedBatch.Record();
        LogSegment[] segs = s.segments();
        for (int i = s.floorIndex(from); i < segs.length; i++) {
            LogSegment seg = segs[i];
            if (seg.baseOffset >= to) {
                break;
            }
            int bound = s.boundOf(i);
            LogSegment.BatchLocation b = seg.locate(from, bound, header);
            int pos = b == null ? bound : b.position();
            while (pos < bound) {
                checkNotStopping();
                LogSegment.BatchLocation at = seg.headerAt(pos, bound, header);
                if (at.baseOffset() >= to) {
                    return to;
                }
                int count = BatchHeader.recordCount(header, 0);
                if (!BatchHeader.isControl(header, 0) && count > 0) {
                    if (count > map.maxEntries() - map.size()) {
                        return at.baseOffset();
                    }
                    ByteBuffer batch = FileBatches.readFully(seg.channel(), pos, at.size());
                    throttler.acquire(at.size());
                    ByteBuffer plain = open(log, batch);
                    if (plain != null) {
                        int rp = BatchHeader.SIZE;
                        for (int k = 0; k < count; k++) {
                            rp = CleanedBatch.read(plain, 0, rp, r);
                            ByteBuffer key = CleanedBatch.key(plain, r);
                            if (key != null) {
                                map.put(key, r.offset(at.baseOffset()));
                            }
                        }
                    }
                }
                pos += at.size();
            }
        }
        return to;
    }

    /** The batch itself if uncompressed, else its records decompressed; null (logged) if it cannot be opened. */
    private ByteBuffer open(PartitionLog log, ByteBuffer batch) {
        int codec = BatchHeader.compression(batch, 0);
        if (codec == BatchCompression.NONE) {
            return batch;
        }
        try {
            return BatchCompression.decompress(batch, 0, decompressedBytesMax);
        } catch (BatchCompression.UndecodableBatchException e) {
            LOG.warn("Partition {}: keeping the {} batch at offsets [{}, {}] whole, its keys unmapped: {}{}", log.topicPartition(),
                    BatchCompression.codecName(codec), BatchHeader.baseOffset(batch, 0), BatchHeader.lastOffset(batch, 0), e.getMessage(),
                    e.tooLarge() ? " (the cleaner's bound on a decompressed batch)" : "");
            return null;
        }
    }

    /** The base offset of the last batch of each producer id, over the whole log; memory grows with the producers. */
    private static Map<Long, Long> lastBatchOfEachProducer(PartitionLog log, long from) {
        Map<Long, Long> last = new HashMap<>();
        log.scanBatches(from, h -> {
            long pid = BatchHeader.producerId(h, 0);
            if (pid != BatchHeader.NO_PRODUCER_ID) {
                last.put(pid, BatchHeader.baseOffset(h, 0));
            }
            return true;
        });
        return last;
    }

    /**
     * The segments to rewrite, from the log start, those holding offsets below {@code mapEnd} and
     * wholly below {@code firstUncleanable}, in runs whose total size fits one segment and whose
     * offsets fit one segment's relative offsets.
     */
    private static List<List<LogSegment>> groups(LogState s, long mapEnd, long firstUncleanable, LogConfig config) {
        List<List<LogSegment>> out = new ArrayList<>();
        List<LogSegment> current = new ArrayList<>();
        long currentBytes = 0;
        LogSegment[] segs = s.segments();
        for (int i = 0; i < segs.length - 1; i++) {
            LogSegment seg = segs[i];
            long upper = segs[i + 1].baseOffset;
            if (seg.baseOffset >= mapEnd || upper > firstUncleanable) {
                break;
            }
            boolean fits = !current.isEmpty() && currentBytes + seg.size() <= config.segmentBytes()
                    && upper - 1 - current.get(0).baseOffset <= Integer.MAX_VALUE;
            if (!current.isEmpty() && !fits) {
                out.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(seg);
            currentBytes += seg.size();
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    private static long upperBound(LogState s, LogSegment seg) {
        LogSegment[] segs = s.segments();
        for (int i = 0; i < segs.length - 1; i++) {
            if (segs[i] == seg) {
                return segs[i + 1].baseOffset;
            }
        }
        throw new IllegalStateException("segment " + seg.baseOffset + " is the active one or gone");
    }
}
