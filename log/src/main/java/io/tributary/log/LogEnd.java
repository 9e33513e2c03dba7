package io.tributary.log;

import io.tributary.common.records.CheckedBatches;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writing at the end of a {@link PartitionLog}: appends go to the active segment, which rolls to a
 * new one first when it must (size, index, offsets, or segment.ms); each change is published as a
 * new {@link LogState} once its bytes are in the file. The caller holds the log's lock.
 */
final class LogEnd {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionLog.class);

    private final Path dir;
    private final String name;
    private final Supplier<LogConfig> config;
    private final Scheduler scheduler;
    private final Consumer<LogState> publish;
    private final LongConsumer flushUpTo;

    LogEnd(Path dir, String name, Supplier<LogConfig> config, Scheduler scheduler, Consumer<LogState> publish,
           LongConsumer flushUpTo) {
        this.dir = dir;
        this.name = name;
        this.config = config;
        this.scheduler = scheduler;
        this.publish = publish;
        this.flushUpTo = flushUpTo;
    }

    /**
     * Writes stamped batches taking offsets {@code first..last} at the end of {@code s}, rolling first if
     * the active segment must ({@code maxTimestamp} against segment.ms). With {@code keepOffsets} (a
     * follower's) each batch keeps the base offset it carries and {@code first} may lie past the log end
     * (a gap compaction left on the leader).
     */
    void write(LogState s, CheckedBatches batches, long first, long last, long maxTimestamp, long logAppendTimeMs, long nowMs,
               boolean keepOffsets) {
        if (keepOffsets ? first < s.logEndOffset() : first != s.logEndOffset()) {
            throw new IllegalStateException("append to " + name + " at offset " + first + " but the log ends at " + s.logEndOffset());
        }
        try {
            LogSegment active = s.active();
            String rollReason = active.rollReason(batches.sizeInBytes(), maxTimestamp, last, nowMs, config.get());
            if (rollReason != null) {
                s = roll(s, nowMs, rollReason);
                active = s.active();
            }
            active.append(batches, first, last, logAppendTimeMs, keepOffsets);
            publish.accept(new LogState(s.segments(), s.logStartOffset(), last + 1, active.size()));
        } catch (IOException e) {
            throw new LogStorageException("cannot append to " + name, e);
        }
    }

    /** Starts a new active segment at the log end; the old one's indexes are trimmed and it is flushed soon. */
    LogState roll(LogState s, long nowMs, String reason) throws IOException {
        LogSegment old = s.active();
        LogSegment created = LogSegment.create(dir, s.logEndOffset(), config.get(), nowMs);
        old.makeInactive();
        LogSegment[] segs = Arrays.copyOf(s.segments(), s.segments().length + 1);
        segs[segs.length - 1] = created;
        LogState next = new LogState(segs, s.logStartOffset(), s.logEndOffset(), 0);
        publish.accept(next);
        LOG.info("Partition {}: rolled to new segment {}: segment {} ({} bytes) {}", name, created.baseOffset,
                old.baseOffset, old.size(), reason);
        long upTo = created.baseOffset;
        scheduler.schedule("flush-" + name, 0, () -> flushUpTo.accept(upTo));
        return next;
    }
}
