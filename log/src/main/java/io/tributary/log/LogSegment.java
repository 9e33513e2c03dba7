package io.tributary.log;

import io.tributary.common.records.BatchHeader;
import io.tributary.common.records.CheckedBatch;
import io.tributary.common.records.CheckedBatches;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * One segment of a partition log: the {@code <baseOffset>.log} file of batches, stored exactly as
 * they arrived except for the base offset and partition leader epoch the log stamped, plus its
 * {@link OffsetIndex} and {@link TimeIndex}.
 *
 * <p>The {@code .log} file is a plain concatenation of magic-2 batches (layout in
 * {@link BatchHeader}); there is no per-file header. Batches in a segment carry increasing
 * offsets: the first starts at or after the segment's base offset, each next one after the previous.
 * They are contiguous until the cleaner compacts the segment: it removes whole batches (leaving gaps)
 * and records inside batches (a batch keeps its base and last offset, with fewer records or none).
 *
 * <p>Concurrency: mutations run under the owning {@link PartitionLog}'s append lock. Reads are
 * positional ({@code FileChannel.read(buffer, position)}) and bounded by a position the caller
 * got from the log's published state, so they never see bytes of an append still in progress.
 */
final class LogSegment {

    /** A batch found in the file. */
    record BatchLocation(int position, long baseOffset, long lastOffset, int size) {
    }

    /** A run of whole batches: where it starts, how long it is, and the offset after it. */
    record SegmentRead(int position, int size, long nextOffset) {
    }

    /** Judges a batch during recovery beyond what its bytes show (the leader-epoch rules). */
    interface RecoveryCheck {
        /** Returns null to accept the batch (and learn from it), else the reason it is corrupt. */
        String check(long baseOffset, int partitionLeaderEpoch);
    }

    /** What recovery found: bytes kept, bytes cut, and why it stopped early (null if it did not). */
    record RecoveryOutcome(int validBytes, long truncatedBytes, int batches, String reason) {
    }

    private static final TimestampAndOffset NO_TIMESTAMP = new TimestampAndOffset(-1L, -1L, -1);

    final long baseOffset;
    private final int indexIntervalBytes;
    private volatile Path logPath;
    private final FileChannel channel;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private volatile int size;
    private volatile long nextOffset;
    private volatile TimestampAndOffset maxTimestampSoFar = NO_TIMESTAMP;
    private int bytesSinceLastIndexEntry;
    private long rollingBasedTimestamp = -1L;
    private long createdMs;

    private LogSegment(long baseOffset, Path logPath, FileChannel channel, OffsetIndex offsetIndex, TimeIndex timeIndex,
                       int indexIntervalBytes, long createdMs) throws IOException {
        this.baseOffset = baseOffset;
        this.logPath = logPath;
        this.channel = channel;
        this.offsetIndex = offsetIndex;
        this.timeIndex = timeIndex;
        this.indexIntervalBytes = indexIntervalBytes;
        this.createdMs = createdMs;
        long length = channel.size();
        if (length > Integer.MAX_VALUE) {
            throw new IOException("segment " + logPath + " is " + length + " bytes; segments are at most 2 GiB");
        }
        this.size = (int) length;
        this.nextOffset = length == 0 ? baseOffset : -1L;
    }

    /** Creates a new, empty, active segment. Stale index files with the same base offset are replaced. */
    static LogSegment create(Path dir, long baseOffset, LogConfig config, long nowMs) throws IOException {
        return create(dir, baseOffset, "", config, nowMs);
    }

    /** As {@link #create(Path, long, LogConfig, long)}, with {@code suffix} after each file's name (the cleaner's output). */
    static LogSegment create(Path dir, long baseOffset, String suffix, LogConfig config, long nowMs) throws IOException {
        Path logPath = LogFiles.file(dir, baseOffset, LogFiles.LOG_SUFFIX + suffix);
        Path indexPath = LogFiles.file(dir, baseOffset, LogFiles.INDEX_SUFFIX + suffix);
        Path timeIndexPath = LogFiles.file(dir, baseOffset, LogFiles.TIME_INDEX_SUFFIX + suffix);
        Files.deleteIfExists(indexPath);
        Files.deleteIfExists(timeIndexPath);
        FileChannel ch = FileChannel.open(logPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            return new LogSegment(baseOffset, logPath, ch,
                    new OffsetIndex(indexPath, baseOffset, true, config.segmentIndexBytes()),
                    new TimeIndex(timeIndexPath, baseOffset, true, config.segmentIndexBytes()),
                    config.indexIntervalBytes(), nowMs);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Opens an existing segment as found on disk. Its indexes are trusted only after a
     * {@link #sanityCheckIndexes} or rebuilt by {@link #recover}; its end offset is unknown until
     * {@link #loadTail}, {@link #recover} or {@link #setNextOffset}.
     */
    static LogSegment open(Path dir, long baseOffset, LogConfig config, boolean writableIndexes, long nowMs) throws IOException {
        Path logPath = LogFiles.file(dir, baseOffset, LogFiles.LOG_SUFFIX);
        FileChannel ch = FileChannel.open(logPath, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            return new LogSegment(baseOffset, logPath, ch,
                    new OffsetIndex(LogFiles.file(dir, baseOffset, LogFiles.INDEX_SUFFIX), baseOffset, writableIndexes,
                            config.segmentIndexBytes()),
                    new TimeIndex(LogFiles.file(dir, baseOffset, LogFiles.TIME_INDEX_SUFFIX), baseOffset, writableIndexes,
                            config.segmentIndexBytes()),
                    config.indexIntervalBytes(), nowMs);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    // ------------------------------------------------------------------ state

    int size() {
        return size;
    }

    long nextOffset() {
        return nextOffset;
    }

    void setNextOffset(long next) {
        this.nextOffset = next;
    }

    FileChannel channel() {
        return channel;
    }

    Path logPath() {
        return logPath;
    }

    OffsetIndex offsetIndex() {
        return offsetIndex;
    }

    TimeIndex timeIndex() {
        return timeIndex;
    }

    /** The newest batch timestamp and the base offset of the batch that first reached it; (-1, -1) if none. */
    TimestampAndOffset maxTimestampSoFar() {
        return maxTimestampSoFar;
    }

    /** Retention's notion of the segment's age: its newest timestamp, or the file's mtime if it has none. */
    long largestTimestamp() {
        long ts = maxTimestampSoFar.timestamp();
        if (ts >= 0) {
            return ts;
        }
        try {
            return Files.getLastModifiedTime(logPath).toMillis();
        } catch (IOException e) {
            return 0L;
        }
    }

    // ------------------------------------------------------------------ appending

    /**
     * Why an append of {@code appendBytes} whose newest timestamp is {@code maxTimestampInAppend}
     * and last offset {@code lastOffsetInAppend} must go to a new segment, or null if it need not.
     * An empty segment never rolls. Time-based rolling follows Kafka: the append's timestamp
     * against the first batch's, or the wall clock against the segment's creation when batches
     * carry no timestamps.
     */
    String rollReason(int appendBytes, long maxTimestampInAppend, long lastOffsetInAppend, long nowMs, LogConfig config) {
        if (size == 0) {
            return null;
        }
        if ((long) size + appendBytes > config.segmentBytes()) {
            return "is full (segment.bytes " + config.segmentBytes() + ")";
        }
        if (offsetIndex.isFull() || timeIndex.isFull()) {
            return "has a full index (segment.index.bytes " + config.segmentIndexBytes() + ")";
        }
        if (lastOffsetInAppend - baseOffset > Integer.MAX_VALUE) {
            return "cannot address offset " + lastOffsetInAppend;
        }
        long waitedMs = rollingBasedTimestamp >= 0 ? maxTimestampInAppend - rollingBasedTimestamp : nowMs - createdMs;
        if (waitedMs > config.segmentMs()) {
            return "is older than segment.ms " + config.segmentMs();
        }
        return null;
    }

    /**
     * Writes {@code batches} (whole, stamped batches taking offsets {@code firstOffset..lastOffset}) at
     * the end of the file, then indexes them from what the check carried (no header is read back).
     * A leader's batches start at this segment's next offset and are contiguous; a follower's
     * ({@code keepOffsets}) keep their own base offsets, which may skip offsets the leader's cleaner
     * removed. {@code logAppendTimeMs} (or -1) is the max timestamp every batch now carries under
     * LogAppendTime. The caller publishes the new end only after this returns, so readers never see a
     * partial write.
     */
    void append(CheckedBatches batches, long firstOffset, long lastOffset, long logAppendTimeMs, boolean keepOffsets)
            throws IOException {
        int total = batches.sizeInBytes();
        if ((long) size + total > Integer.MAX_VALUE) {
            throw new IllegalStateException("segment " + baseOffset + " would pass 2 GiB");
        }
        if (keepOffsets ? firstOffset < nextOffset : firstOffset != nextOffset) {
            throw new IllegalStateException("segment " + baseOffset + " continues at " + nextOffset
                    + " but the append starts at " + firstOffset);
        }
        int start = size;
        ByteBuffer src = batches.bytes();
        long filePos = start;
        try {
            while (src.hasRemaining()) {
                filePos += channel.write(src, filePos);
            }
        } catch (IOException e) {
            // Drop whatever part of the write landed, so the file ends on a batch boundary again.
            try {
                channel.truncate(start);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        for (CheckedBatch b : batches.batches()) {
            long maxTimestamp = logAppendTimeMs >= 0 ? logAppendTimeMs : b.maxTimestamp();
            long batchBase = keepOffsets ? b.baseOffset() : firstOffset + b.offsetDelta();
            indexBatch(batchBase, maxTimestamp, start + b.position(), b.sizeInBytes());
        }
        nextOffset = lastOffset + 1;
        size = start + total;
    }

    /** Updates the running maximum timestamp and adds index entries for the batch at {@code position}. */
    private void indexBatch(long batchBaseOffset, long batchMaxTimestamp, int position, int batchSize) {
        if (position == 0) {
            rollingBasedTimestamp = batchMaxTimestamp;
        }
        if (batchMaxTimestamp > maxTimestampSoFar.timestamp()) {
            maxTimestampSoFar = new TimestampAndOffset(batchMaxTimestamp, batchBaseOffset, -1);
        }
        // A full index only makes the rest of this segment sparser (slower lookups, same answers):
        // one append may carry several batches, and the next append rolls.
        if (bytesSinceLastIndexEntry > indexIntervalBytes && position > 0 && !offsetIndex.isFull() && !timeIndex.isFull()) {
            offsetIndex.append(batchBaseOffset, position);
            TimestampAndOffset max = maxTimestampSoFar;
            if (max.timestamp() >= 0) {
                timeIndex.maybeAppend(max.timestamp(), max.offset(), false);
            }
            bytesSinceLastIndexEntry = 0;
        }
        bytesSinceLastIndexEntry += batchSize;
    }

    // ------------------------------------------------------------------ reading

    /**
     * The first batch whose last offset is at least {@code offset}, among the batches before
     * {@code bound}, or null if there is none. Starts from the offset index and walks headers.
     */
    BatchLocation locate(long offset, int bound, ByteBuffer header) throws IOException {
        OffsetIndex.Entry entry = offsetIndex.lookup(offset);
        int pos = entry.position();
        if (pos >= bound) {
            return null;
        }
        return scanFrom(pos, offset, bound, header);
    }

    private BatchLocation scanFrom(int pos, long offset, int bound, ByteBuffer header) throws IOException {
        while (pos < bound) {
            BatchLocation b = headerAt(pos, bound, header);
            if (b.lastOffset() >= offset) {
                return b;
            }
            pos += b.size();
        }
        return null;
    }

    /** Reads and checks the header at {@code pos}; a bad one inside the readable region is corruption. */
    BatchLocation headerAt(int pos, int bound, ByteBuffer header) throws IOException {
        if (!FileBatches.readHeader(channel, pos, bound, header)) {
            throw new LogStorageException("segment " + logPath.getFileName() + " has a torn batch at position "
                    + pos + " below its readable end " + bound);
        }
        String bad = FileBatches.checkHeader(header, pos, bound);
        if (bad != null) {
            throw new LogStorageException("segment " + logPath.getFileName() + " is corrupt: " + bad);
        }
        return new BatchLocation(pos, BatchHeader.baseOffset(header, 0), BatchHeader.lastOffset(header, 0),
                BatchHeader.sizeInBytes(header, 0));
    }

    /**
     * Whole batches from the one holding {@code startOffset}: none whose last offset reaches
     * {@code maxOffsetExclusive}, at most {@code maxBytes} of them unless the first alone is larger
     * and {@code minOneBatch}. Returns null when {@code startOffset} lies past this segment's
     * batches below {@code bound}.
     */
    SegmentRead read(long startOffset, int maxBytes, long maxOffsetExclusive, boolean minOneBatch, int bound)
            throws IOException {
        ByteBuffer header = FileBatches.newHeaderBuffer();
        BatchLocation first = locate(startOffset, bound, header);
        if (first == null) {
            return null;
        }
        // The batch found may start after startOffset: the cleaner removed the batches in between, and
        // the read starts with the next one, as Kafka's does (consumers skip the gap).
        if (first.lastOffset() >= maxOffsetExclusive || (first.size() > maxBytes && !minOneBatch)) {
            return new SegmentRead(first.position(), 0, startOffset);
        }
        int pos = first.position() + first.size();
        long next = first.lastOffset() + 1;
        long sizeLimit = Math.min((long) first.position() + maxBytes, bound);
        // Batches before an index entry within both limits all qualify; skip straight to it.
        OffsetIndex.Entry jump = offsetIndex.floorWithin((int) Math.max(0, sizeLimit), maxOffsetExclusive);
        if (jump != null && jump.position() > pos) {
            pos = jump.position();
            next = jump.offset();
        }
        while (pos < bound) {
            BatchLocation b = headerAt(pos, bound, header);
            if (b.baseOffset() < next) {
                throw new LogStorageException("segment " + logPath.getFileName() + " has batch " + b.baseOffset()
                        + " at position " + pos + " where offset " + next + " or later was expected");
            }
            if (b.lastOffset() >= maxOffsetExclusive || (long) pos + b.size() - first.position() > maxBytes) {
                break;
            }
            pos += b.size();
            next = b.lastOffset() + 1;
        }
        return new SegmentRead(first.position(), pos - first.position(), next);
    }

    /** Visits batch headers from the batch holding {@code fromOffset} up to {@code bound}; false if stopped. */
    boolean scan(long fromOffset, int bound, BatchVisitor visitor) throws IOException {
        ByteBuffer header = FileBatches.newHeaderBuffer();
        BatchLocation b = locate(fromOffset, bound, header);
        if (b == null) {
            return true;
        }
        int pos = b.position();
        while (pos < bound) {
            BatchLocation at = headerAt(pos, bound, header);
            if (!visitor.visit(header.duplicate())) {
                return false;
            }
            pos += at.size();
        }
        return true;
    }

    // ------------------------------------------------------------------ loading and recovery

    /** Throws if either index fails the checks a clean start relies on. */
    void sanityCheckIndexes() throws IndexFile.CorruptIndexException, IOException {
        offsetIndex.sanityCheck(size);
        timeIndex.sanityCheck(size);
    }

    /**
     * After a clean shutdown: takes the maximum timestamp from the time index, then reads and checks
     * (structure, CRC, contiguity) the few batches after the last offset-index entry to learn the
     * end offset. Returns null if they are sound, else the reason the segment needs recovery.
     */
    String loadTail() throws IOException {
        TimestampAndOffset lastTime = timeIndex.lastEntry();
        maxTimestampSoFar = lastTime.timestamp() >= 0 ? new TimestampAndOffset(lastTime.timestamp(), lastTime.offset(), -1) : NO_TIMESTAMP;
        OffsetIndex.Entry last = offsetIndex.lastEntry();
        ByteBuffer header = FileBatches.newHeaderBuffer();
        ByteBuffer scratch = FileBatches.newScratchBuffer();
        int pos = last.position();
        long expected = last.offset();
        while (pos < size) {
            String bad = FileBatches.checkBatch(channel, pos, size, expected, header, scratch);
            if (bad != null) {
                return bad;
            }
            int batchSize = BatchHeader.sizeInBytes(header, 0);
            long batchMax = BatchHeader.maxTimestamp(header, 0);
            if (batchMax > maxTimestampSoFar.timestamp()) {
                maxTimestampSoFar = new TimestampAndOffset(batchMax, BatchHeader.baseOffset(header, 0), -1);
            }
            expected = BatchHeader.lastOffset(header, 0) + 1;
            pos += batchSize;
        }
        nextOffset = expected;
        bytesSinceLastIndexEntry = size - last.position();
        loadRollingTimestamp(header);
        return null;
    }

    /** For an inactive segment on a clean start: its maximum timestamp from the time index. */
    void loadFromTimeIndex(long next) {
        TimestampAndOffset lastTime = timeIndex.lastEntry();
        maxTimestampSoFar = lastTime.timestamp() >= 0 ? new TimestampAndOffset(lastTime.timestamp(), lastTime.offset(), -1) : NO_TIMESTAMP;
        nextOffset = next;
    }

    private void loadRollingTimestamp(ByteBuffer header) throws IOException {
        rollingBasedTimestamp = -1L;
        if (size > 0 && FileBatches.readHeader(channel, 0, size, header)) {
            rollingBasedTimestamp = BatchHeader.maxTimestamp(header, 0);
        }
    }

    /**
     * Reads every batch from the start, checking structure, CRC, increasing offsets and
     * {@code check}; rebuilds both indexes from the sound batches and cuts the file at the first
     * bad one. The indexes must be writable (see {@link #makeActive}).
     */
    RecoveryOutcome recover(RecoveryCheck check) throws IOException {
        offsetIndex.reset();
        timeIndex.reset();
        maxTimestampSoFar = NO_TIMESTAMP;
        bytesSinceLastIndexEntry = 0;
        rollingBasedTimestamp = -1L;
        long fileSize = channel.size();
        int limit = (int) Math.min(fileSize, Integer.MAX_VALUE);
        ByteBuffer header = FileBatches.newHeaderBuffer();
        ByteBuffer scratch = FileBatches.newScratchBuffer();
        int pos = 0;
        int batches = 0;
        long expected = baseOffset;
        String reason = null;
        while (pos < limit) {
            reason = FileBatches.checkBatch(channel, pos, limit, expected, header, scratch);
            if (reason != null) {
                break;
            }
            long base = BatchHeader.baseOffset(header, 0);
            if (BatchHeader.lastOffset(header, 0) - baseOffset > Integer.MAX_VALUE) {
                reason = "batch at position " + pos + " has offsets beyond what segment " + baseOffset + " can address";
                break;
            }
            int batchSize = BatchHeader.sizeInBytes(header, 0);
            reason = check.check(base, BatchHeader.partitionLeaderEpoch(header, 0));
            if (reason != null) {
                break;
            }
            indexBatch(base, BatchHeader.maxTimestamp(header, 0), pos, batchSize);
            expected = BatchHeader.lastOffset(header, 0) + 1;
            pos += batchSize;
            batches++;
        }
        long truncated = fileSize - pos;
        if (truncated > 0) {
            channel.truncate(pos);
        }
        size = pos;
        nextOffset = expected;
        return new RecoveryOutcome(pos, truncated, batches, reason);
    }

    /**
     * Cuts the segment at the start of the batch holding {@code offset} and rebuilds its indexes
     * from the batches that stay. Returns the bytes removed (0 if {@code offset} is past the end).
     */
    int truncateTo(long offset, long nowMs) throws IOException {
        ByteBuffer header = FileBatches.newHeaderBuffer();
        BatchLocation b = locate(offset, size, header);
        if (b == null) {
            return 0;
        }
        int cut = b.position();
        int removed = size - cut;
        channel.truncate(cut);
        size = cut;
        // The batch found holds offset, or starts after it where the cleaner left a gap: the log then ends at offset.
        nextOffset = Math.min(b.baseOffset(), offset);
        offsetIndex.reset();
        timeIndex.reset();
        maxTimestampSoFar = NO_TIMESTAMP;
        bytesSinceLastIndexEntry = 0;
        rollingBasedTimestamp = -1L;
        int pos = 0;
        while (pos < cut) {
            BatchLocation at = headerAt(pos, cut, header);
            indexBatch(at.baseOffset(), BatchHeader.maxTimestamp(header, 0), pos, at.size());
            pos += at.size();
        }
        if (cut == 0) {
            createdMs = nowMs;
        }
        return removed;
    }

    // ------------------------------------------------------------------ lifecycle

    /** The segment takes appends again (after a truncation made it the last): indexes grow and turn writable. */
    void makeActive(LogConfig config) throws IOException {
        offsetIndex.makeWritable(config.segmentIndexBytes());
        timeIndex.makeWritable(config.segmentIndexBytes());
    }

    /** The segment stops taking appends: write the final time-index entry and trim both indexes. */
    void makeInactive() throws IOException {
        if (!offsetIndex.isWritable() && !timeIndex.isWritable()) {
            return;
        }
        if (timeIndex.isWritable()) {
            TimestampAndOffset max = maxTimestampSoFar;
            if (max.timestamp() >= 0) {
                timeIndex.maybeAppend(max.timestamp(), max.offset(), true);
            }
        }
        offsetIndex.trimToValidSize();
        timeIndex.trimToValidSize();
    }

    void flush() throws IOException {
        try {
            channel.force(true);
        } catch (ClosedChannelException retired) {
            // A flush that raced retention: the segment is gone, nothing of it needs to be durable.
            return;
        }
        offsetIndex.flush();
        timeIndex.flush();
    }

    /** Closes the segment cleanly: indexes trimmed, file cut to whole batches, handle released. */
    void close() throws IOException {
        try {
            makeInactive();
            offsetIndex.flush();
            timeIndex.flush();
            if (channel.isOpen() && channel.size() > size) {
                channel.truncate(size);
            }
        } finally {
            channel.close();
        }
    }

    /** Renames the files to {@code *.deleted}; the open channel keeps working for reads in flight. */
    void renameToDeleted() throws IOException {
        Path deleted = logPath.resolveSibling(logPath.getFileName() + LogFiles.DELETED_SUFFIX);
        // An older retired segment with the same base may still await deletion; on POSIX its open
        // channel keeps working after its name is taken over.
        Files.move(logPath, deleted, StandardCopyOption.REPLACE_EXISTING);
        logPath = deleted;
        offsetIndex.renameTo(offsetIndex.path().resolveSibling(offsetIndex.path().getFileName() + LogFiles.DELETED_SUFFIX));
        timeIndex.renameTo(timeIndex.path().resolveSibling(timeIndex.path().getFileName() + LogFiles.DELETED_SUFFIX));
    }

    /**
     * Renames the three files to their usual names plus {@code suffix} ("" for the usual names),
     * replacing any file of that name; the indexes first and the log last, so a log file under a name
     * means its indexes are there too. The open channel keeps working.
     */
    void renameFiles(Path dir, String suffix) throws IOException {
        offsetIndex.renameTo(LogFiles.file(dir, baseOffset, LogFiles.INDEX_SUFFIX + suffix));
        timeIndex.renameTo(LogFiles.file(dir, baseOffset, LogFiles.TIME_INDEX_SUFFIX + suffix));
        Path target = LogFiles.file(dir, baseOffset, LogFiles.LOG_SUFFIX + suffix);
        Files.move(logPath, target, StandardCopyOption.REPLACE_EXISTING);
        logPath = target;
    }

    /** Releases the file handle and removes the files, wherever they are named now. */
    void closeAndDeleteFiles() throws IOException {
        channel.close();
        Files.deleteIfExists(logPath);
        offsetIndex.deleteIfExists();
        timeIndex.deleteIfExists();
    }

    SegmentInfo info(boolean active) {
        return new SegmentInfo(baseOffset, size, largestTimestamp(), active);
    }

    @Override
    public String toString() {
        return "LogSegment(base=" + baseOffset + ", size=" + size + ", next=" + nextOffset + ")";
    }
}
