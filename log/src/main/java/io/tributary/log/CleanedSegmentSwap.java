package io.tributary.log;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a run of segments by the one segment the cleaner wrote from them, so that a crash at any
 * moment leaves either the old segments or the new one, never both and never neither.
 *
 * <p>Files, for a cleaned segment with base offset B replacing the segments in [B, E):
 * <pre>
 *   B.log.cleaned, B.index.cleaned, B.timeindex.cleaned   written and fsynced; not yet committed
 *   B.cleaner-swap                                        E, as an offset file ("0\n&lt;E&gt;\n")
 *   B.index.swap, B.timeindex.swap, then B.log.swap       committed: B.log.swap is the commit point
 *   B.log, B.index, B.timeindex                           done; the replaced files were renamed .deleted
 * </pre>
 * Steps: write the {@code .cleaned} files; write the marker; rename the indexes, then the log, to
 * {@code .swap} and fsync the directory (commit); rename the replaced segments to {@code .deleted};
 * rename the {@code .swap} files to their final names; delete the marker.
 *
 * <p>Recovery ({@link #recover}, before the loader reads segments): {@code .cleaned} files are
 * deleted (the cleaning never committed). A marker with a {@code B.log.swap} is finished: the
 * segments with a base in (B, E) are deleted, the {@code .swap} files take their final names
 * (replacing B's old files), and the marker goes. A marker without one is rolled back: its
 * {@code .swap} indexes and the marker go. The marker is needed because the cleaned segment may
 * end well before E (its last batches may all have gone), so its own offsets cannot say which
 * segments it replaced.
 */
final class CleanedSegmentSwap {

    private static final Logger LOG = LoggerFactory.getLogger(CleanedSegmentSwap.class);

    static final String CLEANED_SUFFIX = ".cleaned";
    static final String SWAP_SUFFIX = ".swap";
    static final String MARKER_SUFFIX = ".cleaner-swap";

    /**
     * Test hook: called with each step's name ("cleaned", "marker", "committed", "retired", "done")
     * and the partition directory as the files stand after it, so a test can copy them as a crash
     * there would leave them. Null outside tests.
     */
    static volatile java.util.function.BiConsumer<String, Path> afterStep;

    private CleanedSegmentSwap() {
    }

    private static void step(String name, Path dir) {
        java.util.function.BiConsumer<String, Path> hook = afterStep;
        if (hook != null) {
            hook.accept(name, dir);
        }
    }

    /**
     * Swaps {@code cleaned} in for {@code replaced} in the files and returns the log state that lists
     * it, or null, changing nothing, if {@code s} no longer holds {@code replaced} just below the
     * active segment's side of {@code replacedEnd} (retention or a truncation got there first). The
     * replaced segments are retired: renamed {@code .deleted}, closed after {@code deleteDelayMs}, so
     * reads already handed their channels finish. The caller holds the log's lock.
     */
    static LogState install(Path dir, LogState s, List<LogSegment> replaced, LogSegment cleaned, long replacedEnd,
                            SegmentRetirer retirer, long deleteDelayMs) throws IOException {
        LogSegment[] segs = s.segments();
        int first = -1;
        for (int i = 0; i < segs.length; i++) {
            if (segs[i] == replaced.get(0)) {
                first = i;
            }
        }
        int after = first + replaced.size();
        if (first < 0 || after >= segs.length || segs[after].baseOffset != replacedEnd) {
            return null;
        }
        for (int i = 0; i < replaced.size(); i++) {
            if (segs[first + i] != replaced.get(i)) {
                return null;
            }
        }
        step("cleaned", dir);
        commit(dir, cleaned, replacedEnd);
        step("committed", dir);
        retirer.renameAll(replaced);
        step("retired", dir);
        complete(dir, cleaned);
        step("done", dir);
        cleaned.setNextOffset(replacedEnd);
        LogSegment[] next = new LogSegment[segs.length - replaced.size() + 1];
        System.arraycopy(segs, 0, next, 0, first);
        next[first] = cleaned;
        System.arraycopy(segs, after, next, first + 1, segs.length - after);
        retirer.scheduleDelete(replaced, deleteDelayMs);
        return new LogState(next, s.logStartOffset(), s.logEndOffset(), s.activeSize());
    }

    /** Makes the swap of {@code cleaned} (its files named {@code .cleaned}, flushed) for [base, {@code replacedEnd}) durable. */
    static void commit(Path dir, LogSegment cleaned, long replacedEnd) throws IOException {
        LogFiles.writeOffsetFile(LogFiles.file(dir, cleaned.baseOffset, MARKER_SUFFIX), replacedEnd);
        step("marker", dir);
        cleaned.renameFiles(dir, SWAP_SUFFIX);
        LogFiles.fsyncDirectory(dir);
    }

    /** After the replaced segments were renamed away: gives the cleaned segment its final names and forgets the marker. */
    static void complete(Path dir, LogSegment cleaned) throws IOException {
        cleaned.renameFiles(dir, "");
        Files.deleteIfExists(LogFiles.file(dir, cleaned.baseOffset, MARKER_SUFFIX));
        LogFiles.fsyncDirectory(dir);
    }

    /** Finishes or rolls back what a crash interrupted; returns how many swaps it finished. */
    static int recover(Path dir, String partition) throws IOException {
        List<Path> cleanedFiles = new ArrayList<>();
        List<Long> markers = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(CLEANED_SUFFIX)) {
                    cleanedFiles.add(f);
                }
                long base = LogFiles.parseOffset(name, MARKER_SUFFIX);
                if (base >= 0) {
                    markers.add(base);
                }
            }
        }
        for (Path f : cleanedFiles) {
            Files.deleteIfExists(f);
        }
        int finished = 0;
        for (long base : markers) {
            Path marker = LogFiles.file(dir, base, MARKER_SUFFIX);
            Path logSwap = LogFiles.file(dir, base, LogFiles.LOG_SUFFIX + SWAP_SUFFIX);
            if (Files.exists(logSwap)) {
                long end = LogFiles.readOffsetFile(marker);
                int dropped = deleteSegmentsIn(dir, base + 1, end);
                for (String suffix : List.of(LogFiles.INDEX_SUFFIX, LogFiles.TIME_INDEX_SUFFIX, LogFiles.LOG_SUFFIX)) {
                    Path swap = LogFiles.file(dir, base, suffix + SWAP_SUFFIX);
                    if (Files.exists(swap)) {
                        Files.move(swap, LogFiles.file(dir, base, suffix), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                finished++;
                LOG.info("Partition {}: finished the swap of cleaned segment {} interrupted by a crash ({} replaced segment(s) "
                        + "below offset {} removed)", partition, base, dropped, end);
            } else {
                Files.deleteIfExists(LogFiles.file(dir, base, LogFiles.INDEX_SUFFIX + SWAP_SUFFIX));
                Files.deleteIfExists(LogFiles.file(dir, base, LogFiles.TIME_INDEX_SUFFIX + SWAP_SUFFIX));
                LOG.info("Partition {}: rolled back the uncommitted swap of cleaned segment {}", partition, base);
            }
            Files.deleteIfExists(marker);
        }
        if (!cleanedFiles.isEmpty() || !markers.isEmpty()) {
            LogFiles.fsyncDirectory(dir);
        }
        return finished;
    }

    /** Deletes the files of every segment whose base offset lies in [from, to). */
    private static int deleteSegmentsIn(Path dir, long from, long to) throws IOException {
        int n = 0;
        List<Path> doomed = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                for (String suffix : List.of(LogFiles.LOG_SUFFIX, LogFiles.INDEX_SUFFIX, LogFiles.TIME_INDEX_SUFFIX)) {
                    long base = LogFiles.parseOffset(name, suffix);
                    if (base >= from && base < to) {
                        doomed.add(f);
                        if (suffix.equals(LogFiles.LOG_SUFFIX)) {
                            n++;
                        }
                    }
                }
            }
        }
        for (Path f : doomed) {
            Files.deleteIfExists(f);
        }
        return n;
    }
}
